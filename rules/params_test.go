package rules

import (
	"strconv"
	"strings"
	"testing"
)

func TestDefaultsAreTheSpecs(t *testing.T) {
	p := Defaults()
	got := map[string]string{
		"window": p.Window(), "line": p.Line.String(), "as_of": p.AsOf.String(),
		"exclude": strings.Join(p.ExcludeItems, ","), "transfer": p.TolTransfer.String(), "selfpay": p.TolSelfpay.String(),
		"alert": p.MedicalAlert.String(), "ratio": string(p.DropRatio),
	}
	want := map[string]string{
		"window": "2022-05-01..2023-04-30", "line": "7500.00", "as_of": "2023-05-15", "exclude": "农机购置,危房改造",
		"transfer": "100.00", "selfpay": "100.00", "alert": "10000.00", "ratio": "0.5",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
	if p.ElimMonths != 6 || p.OldAge != 60 {
		t.Errorf("elimination = %d months, old age %d; want 6, 60", p.ElimMonths, p.OldAge)
	}
	// SPEC §5.4's data-check parameters.
	if p.LaborOldAge != 70 || p.IncomeUnit.String() != "100.00" || p.ScaleShare != "0.15" || p.ScaleMinHouseholds != 5 {
		t.Errorf("labor.old_age %d, checks.income_unit %s, scale.share %s, scale.min_households %d; want 70, 100.00, 0.15, 5",
			p.LaborOldAge, p.IncomeUnit, p.ScaleShare, p.ScaleMinHouseholds)
	}
}

func TestLoadTOML(t *testing.T) {
	tests := []struct {
		name, text string
		check      func(Params) string // "" when right
		err        string              // substring of the error, "" for none
	}{
		{name: "conformance scenario 2", text: "[tolerance]\ntransfer = 50\n\n[medical]\nalert = 8000\n",
			check: func(p Params) string {
				if p.TolTransfer != 5000 || p.MedicalAlert != 800000 || p.TolSelfpay != 10000 {
					return "tolerances not applied"
				}
				return ""
			}},
		{name: "TOML date and float line", text: "as_of = 2023-03-01\nline = 7500.5\n",
			check: func(p Params) string {
				if p.AsOf.String() != "2023-03-01" || p.Line != 750050 {
					return p.AsOf.String() + " " + p.Line.String()
				}
				return ""
			}},
		{name: "nightly sections are allowed", text: "[inputs]\nsurvey = [\"/x\"]\n[output]\nroot = \"/y\"\nkeep = 3\n"},
		{name: "unknown key", text: "[tolerance]\ntransfr = 50\n", err: "tolerance.transfr"},
		{name: "window end before start", text: `window = "2023-05-01..2022-04-30"`, err: "早于"},
		{name: "window without ..", text: `window = "2022-05-01"`, err: "起始日期..截止日期"},
		{name: "negative line", text: "line = -1\n", err: "监测线"},
		{name: "three decimals", text: "line = 7500.001\n", err: "两位小数"},
		{name: "ratio above one", text: "[drop]\nratio = 1.5\n", err: "drop.ratio"},
		{name: "empty exclude word", text: "[card]\nexclude_items = [\"\"]\n", err: "exclude_items"},
		{name: "data-check parameters", text: "[labor]\nold_age = 65\n[checks]\nincome_unit = 1000\n[scale]\nshare = \"0.2\"\nmin_households = 3\n",
			check: func(p Params) string {
				if p.LaborOldAge != 65 || p.IncomeUnit != 100000 || p.ScaleShare != "0.2" || p.ScaleMinHouseholds != 3 {
					return "data-check parameters not applied"
				}
				return ""
			}},
		{name: "scale share above one", text: "[scale]\nshare = 2\n", err: "scale.share"},
		{name: "negative income unit", text: "[checks]\nincome_unit = -1\n", err: "checks.income_unit"},
		{name: "labor old age zero", text: "[labor]\nold_age = 0\n", err: "labor.old_age"},
		{name: "bad TOML", text: "line = \n", err: "conf.toml"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := Defaults()
			err := p.LoadTOML(tc.text, "conf.toml")
			switch {
			case tc.err == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Fatalf("error %v, want one containing %q", err, tc.err)
			case tc.check != nil:
				if msg := tc.check(p); msg != "" {
					t.Error(msg)
				}
			}
		})
	}
}

func TestPublicConfig(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		town       string
		want       string // start days unit phone
		err        string
	}{
		{name: "defaults", town: "乌兰镇", want: "2023-05-16 5 乌兰镇人民政府 "},
		{name: "after as_of", text: "as_of = 2023-05-31\n", town: "乌兰镇", want: "2023-06-01 5 乌兰镇人民政府 "},
		{name: "all keys", text: "[public]\nstart = 2023-05-20\ndays = 7\nunit = \"<乡镇>党委\"\nphone = \"0476-1234567\"\n",
			town: "宝日镇", want: "2023-05-20 7 宝日镇党委 0476-1234567"},
		{name: "start as text", text: "[public]\nstart = \"2023-05-20\"\n", town: "乌兰镇", want: "2023-05-20 5 乌兰镇人民政府 "},
		{name: "township override", text: "[public]\nphone = \"1\"\n[public.\"乌兰镇\"]\nunit = \"乌兰镇纪委\"\nphone = \"<乡镇>2\"\n",
			town: "乌兰镇", want: "2023-05-16 5 乌兰镇纪委 乌兰镇2"},
		{name: "override is for its township only", text: "[public]\nphone = \"1\"\n[public.\"乌兰镇\"]\nphone = \"2\"\n",
			town: "宝日镇", want: "2023-05-16 5 宝日镇人民政府 1"},
		{name: "four days", text: "[public]\ndays = 4\n", err: "public.days"},
		{name: "days as text", text: "[public]\ndays = \"5\"\n", err: "public.days"},
		{name: "empty unit", text: "[public]\nunit = \" \"\n", err: "public.unit"},
		{name: "bad start", text: "[public]\nstart = \"5月16日\"\n", err: "public.start"},
		{name: "unknown key", text: "[public]\nstrat = \"2023-05-16\"\n", err: "public.strat"},
		{name: "unknown township key", text: "[public.\"乌兰镇\"]\ndays = 9\n", err: "public.乌兰镇.days"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Defaults()
			err := p.LoadTOML(tc.text, "conf.toml")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			start, days, unit, phone := p.NoticeTerms(tc.town)
			if got := strings.Join([]string{start.String(), strconv.Itoa(days), unit, phone}, " "); got != tc.want {
				t.Errorf("terms %q, want %q", got, tc.want)
			}
		})
	}
}
