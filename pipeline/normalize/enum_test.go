package normalize

import "testing"

func TestName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"张三", "张三"},
		{" 张三 ", "张三"},
		{"张 三", "张三"},
		{"张\u3000三", "张三"},
		{"张\t三\n", "张三"},
		{"额尔德木图·吉日嘎拉", "额尔德木图吉日嘎拉"},
		{"额尔德木图•吉日嘎拉", "额尔德木图吉日嘎拉"},
		{"额尔德木图.吉日嘎拉", "额尔德木图吉日嘎拉"},
		{"额尔德木图．吉日嘎拉", "额尔德木图吉日嘎拉"},
		{"额尔德木图‧吉日嘎拉", "额尔德木图吉日嘎拉"},
		{"额尔德木图・吉日嘎拉", "额尔德木图吉日嘎拉"},
		{"额尔德木图･吉日嘎拉", "额尔德木图吉日嘎拉"},
		{"额尔德木图 · 吉日嘎拉", "额尔德木图吉日嘎拉"},
		{"哈斯·白音仓", "哈斯白音仓"},
		{"ＡＢＣ", "ABC"},
		{"", ""},
		{"   ", ""},
		{"·", ""},
	} {
		if got := Name(tt.in); got != tt.want {
			t.Errorf("Name(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { Name("额尔德木图吉日嘎拉") }); n != 0 {
		t.Errorf("Name on a clean name: %v allocs, want 0", n)
	}
}

func TestHouseholdType(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"脱贫户", "脱贫户", true},
		{"监测户", "监测户", true},
		{"一般户", "一般户", true},
		{"一般农户", "一般户", true},
		{"一般农牧户", "一般户", true},
		{"", "一般户", true},
		{"  ", "一般户", true},
		{"\u3000脱贫户 ", "脱贫户", true},
		{"脱 贫 户", "脱贫户", true},
		{"脱贫户(监测户)", "", false},
		{"贫困户", "", false},
		{"五保户", "", false},
		{"边缘易致贫户", "", false},
	} {
		got, ok := HouseholdType(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("HouseholdType(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestYesNo(t *testing.T) {
	for _, tt := range []struct {
		in      string
		yes, ok bool
	}{
		{"是", true, true},
		{"否", false, true},
		{" 是 ", true, true},
		{"有保障", true, true},
		{"无保障", false, true},
		{"达标", true, true},
		{"不达标", false, true},
		{"安全", true, true},
		{"不安全", false, true},
		{"", false, false},
		{"Y", false, false},
		{"N", false, false},
		{"1", false, false},
		{"不详", false, false},
	} {
		yes, ok := YesNo(tt.in)
		if yes != tt.yes || ok != tt.ok {
			t.Errorf("YesNo(%q) = %v, %v; want %v, %v", tt.in, yes, ok, tt.yes, tt.ok)
		}
	}
}

func TestLabor(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"普通劳动力", "普通劳动力"},
		{"技能劳动力", "技能劳动力"},
		{"弱劳动力或半劳动力", "弱劳动力或半劳动力"},
		{"弱劳动力", "弱劳动力或半劳动力"},
		{"半劳动力", "弱劳动力或半劳动力"},
		{"丧失劳动力", "丧失劳动力"},
		{"丧失劳动能力", "丧失劳动力"},
		{"无劳动力", "无劳动力"},
		{"无劳动能力", "无劳动力"},
		{"无劳动力（在校生）", "无劳动力"},
		{"无劳动力(学龄前儿童)", "无劳动力"},
		{" 普通劳动力 ", "普通劳动力"},
		{"", ""},
		{"劳动力", ""},
		{"不详", ""},
	} {
		if got := Labor(tt.in); got != tt.want {
			t.Errorf("Labor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHealth(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"健康", "健康"},
		{"长期慢性病", "长期慢性病"},
		{"患有大病", "患有大病"},
		{"残疾", "残疾"},
		{"长期慢性病,残疾", "长期慢性病"},
		{"残疾、患有大病", "残疾"},
		{"患有大病;长期慢性病", "患有大病"},
		{"慢性病", "长期慢性病"},
		{"大病", "患有大病"},
		{"肢体残疾", "残疾"},
		{" 健 康 ", "健康"},
		{"", ""},
		{"良好", ""},
	} {
		if got := Health(tt.in); got != tt.want {
			t.Errorf("Health(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDisabilityGrade(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"一级", 1}, {"二级", 2}, {"三级", 3}, {"四级", 4},
		{"1", 1}, {"2", 2}, {"3", 3}, {"4", 4},
		{"１", 1}, {"4.0", 4},
		{"1级", 1}, {"４级", 4},
		{"一级残疾", 1}, {"肢体二级", 2}, {"视力残疾三级", 3},
		{"二", 2},
		{"Ⅲ级", 3},
		{"贰级", 2},
		{"", 0}, {"无", 0}, {"0", 0}, {"5", 0}, {"五级", 0}, {"重度", 0}, {"级", 0},
	} {
		if got := DisabilityGrade(tt.in); got != tt.want {
			t.Errorf("DisabilityGrade(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestPersonStatus(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"正常", "正常", true},
		{"", "正常", true},
		{"  ", "正常", true},
		{"死亡", "死亡", true},
		{"已死亡", "死亡", true},
		{"死亡注销", "死亡", true},
		{"去世", "死亡", true},
		{"迁出", "迁出", true},
		{"已迁出", "迁出", true},
		{"外迁", "迁出", true},
		{"户籍迁出", "迁出", true},
		{"迁出（外嫁）", "迁出", true},
		{"正常(务工)", "正常", true},
		{"新增", "", false},
		{"失踪", "", false},
		{"不详", "", false},
	} {
		got, ok := PersonStatus(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("PersonStatus(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPaymentFailed(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"失败", true},
		{"发放失败", true},
		{"退回", true},
		{"已退回", true},
		{"未发放", true},
		{" 未 发放 ", true},
		{"已发放", false},
		{"发放成功", false},
		{"成功", false},
		{"正常", false},
		{"", false},
	} {
		if got := PaymentFailed(tt.in); got != tt.want {
			t.Errorf("PaymentFailed(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIsSummaryLabel(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"合计", true},
		{"小计", true},
		{"总计", true},
		{"本村合计：", true},
		{"合  计", true},
		{"合\u3000计", true},
		{"保康镇小计", true},
		{"", false},
		{"合作社", false},
		{"计划", false},
		{"张三", false},
	} {
		if got := IsSummaryLabel(tt.in); got != tt.want {
			t.Errorf("IsSummaryLabel(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
