package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/paicha/paicha/pipeline/load"
)

// Set at build time by `make dist` with -ldflags "-X main.version=… -X
// main.commit=…" (git describe and the commit); a plain `go build` falls
// back to what Go records in the binary.
var (
	version = ""
	commit  = ""
)

// versionCmd prints the program's version, its commit and the DuckDB
// library it runs on (asked of the library, so a mismatched duckdb.dll
// beside paicha.exe shows here).
func versionCmd(ctx context.Context, stdout, stderr io.Writer) int {
	fmt.Fprintln(stdout, "paicha", versionString())
	fmt.Fprintln(stdout, "commit", commitString())
	engine, err := load.EngineVersion(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "paicha version: 无法载入 DuckDB：%v\n", err)
		return exitFailure
	}
	fmt.Fprintln(stdout, "DuckDB", engine)
	fmt.Fprintln(stdout, "Go", runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH)
	return exitOK
}

// versionString is the -X version, else the module's version (a `go
// install …@vX`), else dev-<commit>.
func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	if c := buildSetting("vcs.revision"); len(c) >= 12 {
		return "dev-" + c[:12]
	}
	return "dev"
}

func commitString() string {
	c := commit
	if c == "" {
		c = buildSetting("vcs.revision")
		if buildSetting("vcs.modified") == "true" {
			c += "-dirty"
		}
	}
	if c == "" {
		return "unknown"
	}
	return c
}

func buildSetting(key string) string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == key {
				return s.Value
			}
		}
	}
	return ""
}
