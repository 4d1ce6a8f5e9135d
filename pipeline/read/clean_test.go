package read

import (
	"bytes"
	"io"
	"os"
	"testing"
	"unicode/utf8"
)

func cleanUTF8Reference(p []byte) bool {
	return utf8.Valid(p) && !bytes.Contains(p, replacementChar)
}

var cleanCases = []string{
	"", "a", "abcdefgh", "abcdefghi", "张", "张三", "姓名,身份证号\n张三,150521199001011215\n",
	"\uFFFD", "a\uFFFD", "abcdefgh\uFFFDx", "\xef\xbf", "\xef\xbf\xbe", "\xef\xbb\xbf", "\xef\xbc\x8c",
	"\xe4", "\xe4\xb8", "\xe4\xb8\xad", "\xe4\xb8\xadx", "\xe4\x41\xad", "\xe4\xb8\x41", "\xe1\x80\x80", "\xec\xbf\xbf",
	"\xe0\x80\x80", "\xe0\xa0\x80", "\xed\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80",
	"\xc2\x80", "\xc1\xbf", "\xc2", "\xdf\xbf", "\x80", "\xbf", "\xf0\x90\x80\x80", "\xf0\x80\x80\x80",
	"\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\xfe",
	"12345678\xe4\xb8\xad", "1234567\xe4\xb8\xad", "123456789012345\xe4\xb8", "白兴吐苏木,巴彦吐嘎查,乌哈斯,150525194409191013,城乡居民基础养老金,188.00\n",
}

func TestCleanUTF8(t *testing.T) {
	for _, c := range cleanCases {
		for _, s := range []string{c, "x" + c, c + "x", "abcdefgh" + c + "乙", "中" + c + "12345678"} {
			if got, want := cleanUTF8([]byte(s)), cleanUTF8Reference([]byte(s)); got != want {
				t.Errorf("cleanUTF8(%q) = %v, want %v", s, got, want)
			}
		}
	}
}

func FuzzCleanUTF8(f *testing.F) {
	for _, c := range cleanCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		if got, want := cleanUTF8(p), cleanUTF8Reference(p); got != want {
			t.Errorf("cleanUTF8(%q) = %v, want %v", p, got, want)
		}
	})
}

// benchChunk is a megabyte of payment rows as the generator writes them.
func benchChunk() []byte {
	var buf bytes.Buffer
	buf.WriteString("乡镇,村,姓名,身份证号,补贴项目,发放金额,发放日期,发放状态,流水号,银行卡号\n")
	items := []string{"城乡居民基础养老金", "城乡居民个人账户养老金", "耕地地力保护补贴", "农村低保金"}
	for i := 0; buf.Len() < 1<<20; i++ {
		buf.WriteString("白兴吐苏木,巴彦吐嘎查,乌哈斯,150525194409191013,")
		buf.WriteString(items[i%len(items)])
		buf.WriteString(",188.00,2022-04-10,已发放,YKT2022040000000001,\n")
	}
	return buf.Bytes()
}

func BenchmarkCleanUTF8(b *testing.B) {
	data := benchChunk()
	// PAICHA_BENCH_CSV: the first megabyte of a real export instead
	// (README, Performance, measured it on the 130k county's card CSV).
	if p := os.Getenv("PAICHA_BENCH_CSV"); p != "" {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		if _, err := io.ReadFull(f, data[:1<<20]); err != nil {
			b.Fatal(err)
		}
		data = data[:1<<20]
	}
	for _, bc := range []struct {
		name string
		fn   func([]byte) bool
	}{{"ours", cleanUTF8}, {"utf8.Valid+bytes.Contains", cleanUTF8Reference}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if !bc.fn(data) {
					b.Fatal("not clean")
				}
			}
		})
	}
}
