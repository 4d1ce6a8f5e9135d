package load

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"unsafe"
)

// A payment row's item, township, village and status go into card_labels
// once per run, whichever session meets them first, and come back through
// the view card exactly, row by row.
func TestCardLabels(t *testing.T) {
	// Texts the CSV chunks must quote, empty ones, and labels that differ
	// in one field only.
	labels := []cardLabel{
		{"城乡居民基础养老金", "保康镇", "白音哈达嘎查", "已发放"},
		{"城乡居民基础养老金", "保康镇", "白音哈达嘎查", ""},
		{"城乡居民基础养老金", "保康镇", "巴彦吐嘎查", "已发放"},
		{"耕地地力保护补贴", "保康镇", "白音哈达嘎查", "已发放"},
		{"", "", "", ""},
		{`低保金,"分类施保"`, "白兴吐苏木", "第\n一村", "成功"},
		{"残疾人两项补贴", "白兴吐苏木", "", "已发放"},
	}
	cases := []struct {
		name     string
		sessions int
		rows     int // per session
		pick     func(session, row int) int
	}{
		{"one session, each label in turn", 1, batchRowsForTest + 5, func(_, r int) int { return r % len(labels) }},
		// The cache's two recent labels: two in turn, then a third that
		// takes the place of one of them.
		{"one session, two labels in turn and a third", 1, 1000, func(_, r int) int { return []int{0, 3, 0, 3, 1, 0, 1, 3, 2}[r%9] }},
		{"one session, runs of a label", 1, 2*batchRowsForTest + 1, func(_, r int) int { return r / 1000 % len(labels) }},
		{"sessions at once, the same labels", 4, batchRowsForTest + 3, func(s, r int) int { return (r*3 + s) % len(labels) }},
		{"sessions at once, some labels in one only", 3, 500, func(s, r int) int { return (s + r%2*3) % len(labels) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db := loadAtOnce(t, tc.sessions, func(s *Session, si int) error {
				src := Source{FileOrd: si, File: fmt.Sprintf("一卡通%d.csv", si)}
				var rec Card // reused, as the readers do
				for r := range tc.rows {
					l := labels[tc.pick(si, r)]
					rec = Card{Row: r + 2, ID: "150521199001010011", Item: l.item, Township: l.township, Village: l.village, Status: l.status}
					if err := s.Card(src, &rec); err != nil {
						return err
					}
				}
				return nil
			})
			used := map[cardLabel]bool{}
			for si := range tc.sessions {
				for r := range tc.rows {
					used[labels[tc.pick(si, r)]] = true
				}
			}

			rows, err := db.SQL.QueryContext(ctx, `SELECT file_ord, src_row, item, township, village, status FROM card ORDER BY file_ord, src_row`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			n := 0
			for rows.Next() {
				var si, row int
				var got cardLabel
				if err := rows.Scan(&si, &row, &got.item, &got.township, &got.village, &got.status); err != nil {
					t.Fatal(err)
				}
				if want := labels[tc.pick(si, row-2)]; got != want {
					t.Fatalf("file %d row %d: %q, want %q", si, row, got, want)
				}
				n++
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if n != tc.sessions*tc.rows {
				t.Errorf("card has %d rows, want %d", n, tc.sessions*tc.rows)
			}

			var stored []cardLabel
			lrows, err := db.SQL.QueryContext(ctx, `SELECT item, township, village, status FROM card_labels ORDER BY label`)
			if err != nil {
				t.Fatal(err)
			}
			defer lrows.Close()
			seen := map[cardLabel]bool{}
			for lrows.Next() {
				var l cardLabel
				if err := lrows.Scan(&l.item, &l.township, &l.village, &l.status); err != nil {
					t.Fatal(err)
				}
				if seen[l] {
					t.Errorf("card_labels holds %q twice", l)
				}
				seen[l] = true
				stored = append(stored, l)
			}
			if !reflect.DeepEqual(seen, used) {
				t.Errorf("card_labels holds %q; want the %d labels used", stored, len(used))
			}
			var labelsN, distinctN int
			if err := db.SQL.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT label) FROM card_labels`).Scan(&labelsN, &distinctN); err != nil {
				t.Fatal(err)
			}
			if labelsN != distinctN {
				t.Errorf("card_labels: %d rows under %d numbers", labelsN, distinctN)
			}
		})
	}
}

// A row's texts may point into a buffer the reader fills again once the row
// is loaded: the cache compares the next row with a copy of its own, not
// with what the buffer holds by then.
func TestLabelCacheKeepsItsOwnCopy(t *testing.T) {
	c := labelCache{run: &labelNumbers{}}
	buf := []byte("城乡居民基础养老金")
	inBuf := cardLabel{unsafe.String(&buf[0], len(buf)), "保康镇", "白音哈达嘎查", "已发放"}
	other := cardLabel{"城乡居民个人账户金", "保康镇", "白音哈达嘎查", "已发放"}
	first, _ := c.number(inBuf)
	second, _ := c.number(other)
	if again, isNew := c.number(inBuf); again != first || isNew {
		t.Fatalf("the first label again: number %d (new %v), want %d", again, isNew, first)
	}
	copy(buf, other.item) // the next rows, read into the buffer
	if got, isNew := c.number(other); got != second || isNew {
		t.Errorf("the second label again, once the buffer holds it: number %d (new %v), want %d", got, isNew, second)
	}
}
