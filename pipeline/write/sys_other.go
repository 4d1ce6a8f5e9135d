//go:build !linux

package write

func renameExchange(a, b string) error { return errNoExchange }
