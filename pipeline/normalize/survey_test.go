package normalize

import (
	"strings"
	"testing"
)

func TestSex(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"男", "男", true}, {"女", "女", true}, {"1", "男", true}, {"2", "女", true}, {"１", "男", true},
		{" 女 ", "女", true}, {"", "", true}, {"3", "", false}, {"0", "", false}, {"未知", "", false},
	} {
		got, ok := Sex(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Sex(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRelation(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"户主", "户主"}, {"本人", "户主"}, {"户主本人", "户主"}, {"妻子", "配偶"}, {"丈夫", "配偶"}, {"配偶", "配偶"},
		{"儿子", "之子"}, {"女儿", "之女"}, {"父亲", "之父"}, {"母亲", "之母"}, {"儿媳", "之儿媳"}, {"孙子", "之孙子"},
		{"岳父", "之岳父"}, {"女婿", "之女婿"}, {"之子", "之子"}, {"子", "之子"}, {" 之 女 ", "之女"},
		{"其他", "其他"}, {"表哥", "表哥"}, {"", ""},
	} {
		if got := Relation(tt.in); got != tt.want {
			t.Errorf("Relation(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCertificate(t *testing.T) {
	const id = "150521199201010016" // the shape is what counts here
	for _, tt := range []struct {
		in         string
		cat, grade int
		ok         bool
	}{
		{id + "41", 4, 1, true},
		{id + "72", 7, 2, true},
		{id + "0403", 4, 3, true},
		{id + "49", 4, 0, true}, // grade digit 9: no grade
		{id + "81", 0, 1, true}, // category 8: none
		{id + "0105", 1, 0, true},
		{"１５０５２１１９９２０１０１００１６４１", 4, 1, true},
		{id, 0, 0, false},
		{id + "4", 0, 0, false},
		{id + "4A", 0, 0, false},
		{"15052119920101001X41", 4, 1, true},
		{"", 0, 0, false},
	} {
		cat, grade, ok := Certificate(tt.in)
		if cat != tt.cat || grade != tt.grade || ok != tt.ok {
			t.Errorf("Certificate(%q) = %d, %d, %v; want %d, %d, %v", tt.in, cat, grade, ok, tt.cat, tt.grade, tt.ok)
		}
	}
}

func TestRisks(t *testing.T) {
	for _, tt := range []struct {
		in      []string
		want    string
		unknown string
	}{
		{[]string{"因病", "", "因学"}, "因病、因学", ""},
		{[]string{"因学", "因病"}, "因病、因学", ""}, // SPEC order, whatever the columns
		{[]string{"因自然灾害,因意外事故"}, "因灾、因意外事故", ""},
		{[]string{"缺劳动力；因务工就业不稳定"}, "因务工就业不稳、缺劳动力", ""},
		{[]string{"因病、因病"}, "因病", ""},
		{[]string{"因赌"}, "", "因赌"},
		{[]string{"", " "}, "", ""},
	} {
		got, unknown := Risks(tt.in...)
		if got != tt.want || strings.Join(unknown, ",") != tt.unknown {
			t.Errorf("Risks(%q) = %q, %q; want %q, %q", tt.in, got, unknown, tt.want, tt.unknown)
		}
	}
}

func TestBenefitEnrolledDevStatus(t *testing.T) {
	for _, tt := range []struct {
		in      string
		yes, ok bool
	}{
		{"农村低保", true, true}, {"城市特困", true, true}, {"是", true, true}, {"未享受", false, true},
		{"不享受", false, true}, {"", false, true}, {"否", false, true}, {"待定", false, false},
	} {
		if yes, ok := Benefit(tt.in); yes != tt.yes || ok != tt.ok {
			t.Errorf("Benefit(%q) = %v, %v", tt.in, yes, ok)
		}
	}
	for _, tt := range []struct {
		in             string
		yes, valid, ok bool
	}{{"是", true, true, true}, {"否", false, true, true}, {"", false, false, true}, {"不知道", false, false, false}} {
		if yes, valid, ok := Enrolled(tt.in); yes != tt.yes || valid != tt.valid || ok != tt.ok {
			t.Errorf("Enrolled(%q) = %v, %v, %v", tt.in, yes, valid, ok)
		}
	}
	for _, tt := range []struct {
		in      string
		yes, ok bool
	}{{"是", true, true}, {"已实施", true, true}, {"尚未实施", false, true}, {"", false, true}, {"部分", false, false}} {
		if yes, ok := DevStatus(tt.in); yes != tt.yes || ok != tt.ok {
			t.Errorf("DevStatus(%q) = %v, %v", tt.in, yes, ok)
		}
	}
}

func TestListKey(t *testing.T) {
	if a, b := ListKey("教育资助,营养改善"), ListKey("营养改善、 教育资助"); a != b {
		t.Errorf("ListKey: %q != %q", a, b)
	}
	if a, b := ListKey("教育资助"), ListKey("教育资助,营养改善"); a == b {
		t.Errorf("ListKey: %q == %q", a, b)
	}
}

// Certificates and risk lists come from untrusted cells.
func FuzzCertificate(f *testing.F) {
	for _, s := range []string{"15052119920101001641", "1505211992010100160403", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		cat, grade, ok := Certificate(raw)
		if cat < 0 || cat > 7 || grade < 0 || grade > 4 || !ok && (cat != 0 || grade != 0) {
			t.Fatalf("Certificate(%q) = %d, %d, %v", raw, cat, grade, ok)
		}
		if ok {
			if _, _, err := ID(raw); err != nil {
				t.Fatalf("Certificate(%q) ok but ID: %v", raw, err)
			}
		}
	})
}

func FuzzRisks(f *testing.F) {
	for _, s := range []string{"因病、因学", "因自然灾害,其他", "", "；；"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, _ := Risks(raw)
		again, unknown := Risks(got)
		if again != got || len(unknown) > 0 {
			t.Fatalf("Risks(%q) = %q, but Risks of that = %q, %q", raw, got, again, unknown)
		}
	})
}

func TestMonitorType(t *testing.T) {
	for in, want := range map[string]string{"脱贫不稳定户": "脱贫不稳定户", " 边缘易致贫户 ": "边缘易致贫户", "突发严重困难户": "突发严重困难户",
		"": "", "监测户": "", "已消除": ""} {
		if got := MonitorType(in); got != want {
			t.Errorf("MonitorType(%q) = %q, want %q", in, got, want)
		}
	}
}
