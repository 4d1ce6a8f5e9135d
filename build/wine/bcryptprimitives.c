/* Tests only: Go 1.26 on Windows draws its random numbers from
 * bcryptprimitives.dll!ProcessPrng (Windows 10 and later). Wine 8 has no
 * such export, so the Windows build could not start under it. This shim,
 * built and put in the Wine prefix's system32 by build/test-platforms.sh, provides it
 * through RtlGenRandom. It is never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buf, ULONG len); /* RtlGenRandom */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
