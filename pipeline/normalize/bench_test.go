package normalize

import "testing"

var (
	sinkString string
	sinkBool   bool
	sinkDate   Date
	sinkFen    Fen
	sinkErr    error
)

func BenchmarkID(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"Clean", "150521199010041213"},
		{"LowerX", "15052119471014048x"},
		{"Spaced", "150502 19490413 8864"},
		{"FullWidth", "１５０５２１１９９０１００４１２１３"},
		{"Upgrade15", "150502490413886"},
		{"Scientific", "1.50521E+17"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkString, sinkBool, sinkErr = ID(bc.in)
			}
		})
	}
}

func BenchmarkParseDate(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"ISO", "2022-05-01"},
		{"Serial", "44682"},
		{"Slash", "2022/5/1"},
		{"Chinese", "2022年5月1日"},
		{"WithTime", "2022-05-01 10:20:30"},
		{"FullWidth", "２０２２－０５－０１"},
		{"Invalid", "2022-13-01"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkDate, sinkErr = ParseDate(bc.in)
			}
		})
	}
}

func BenchmarkParseMoney(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"Plain", "188.00"},
		{"Thousands", "1,234.56"},
		{"Yuan", "1234.5元"},
		{"FloatNoise", "1103.9500000000001"},
		{"Empty", ""},
		{"FullWidth", "￥１，２３４．５６"},
		{"Invalid", "12万"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkFen, sinkErr = ParseMoney(bc.in)
			}
		})
	}
}

func BenchmarkName(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"Clean", "额尔德木图吉日嘎拉"},
		{"Dot", "额尔德木图·吉日嘎拉"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkString = Name(bc.in)
			}
		})
	}
}

func BenchmarkFenString(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkString = Fen(123456789).String()
	}
}

func BenchmarkFold(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"Serial", "YKT2022040000000001"},
		{"Item", "城乡居民基础养老金"},
		{"Mixed", "2022年度耕地地力保护补贴"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkString = Fold(bc.in)
			}
		})
	}
}
