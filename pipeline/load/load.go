// Package load is the load stage: it owns the embedded DuckDB database, its
// schema (schema.sql), and the sessions through which the ingest workers
// append typed rows, one connection per goroutine.
package load

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"hash/maphash"
	"strings"
	"sync/atomic"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/paicha/paicha/pipeline/normalize"
)

//go:embed schema.sql
var schemaSQL string

// DBFile is the name of the run database inside a run folder: `paicha nightly`
// keeps it there and `paicha explain --run DIR` reads it.
const DBFile = "paicha.duckdb"

// Options size DuckDB for the machine.
type Options struct {
	Path        string // database file; "" = in memory
	Threads     int    // 0 = DuckDB's default (all cores)
	MemoryLimit string // e.g. "4GB"; "" = DuckDB's default (80% of RAM)
	TempDir     string // where larger-than-memory work spills

	// CheckpointEvery is how many bytes of rows are loaded between two
	// checkpoints, which compress them (checkpoint.go); 0 = one checkpoint,
	// at Finish.
	CheckpointEvery int64
	// CompressFrom is how many bytes of rows must be loaded before any
	// checkpoint runs: tables smaller than that stay as appended, which is
	// faster for a county that fits in memory (checkpoint.go). 0 = always
	// compress.
	CompressFrom int64
}

// DB is the run's database.
type DB struct {
	connector  *duckdb.Connector
	SQL        *sql.DB
	columns    map[string][]column // each table's columns, read from the catalog: schema.sql stays the one definition
	tempDir    string
	ctx        context.Context // Open's: the checkpoints beside the loading stop with it
	ckpt       checkpointer
	sources    sourceSet          // the files and sheets of the rows loaded
	cardLabels labelNumbers       // card_labels (labels.go)
	serials    serialFingerprints // of the card and medical rows (serials.go)
	leftovers  leftovers          // the part-filled batches of closed sessions, for Finish (leftovers.go)
	settle     atomic.Bool        // a survey sheet's column named like a guarantee held other than 是/否 (finish.go)
	threads    string             // the statement that sets the queries' threads (Finish)
}

// loadingThreads is DuckDB's setting while the sessions load.
const loadingThreads = "SET threads = 1"

type column struct{ name, typ string }

// Open creates the database and its tables.
func Open(ctx context.Context, o Options) (*DB, error) {
	connector, err := duckdb.NewConnector(o.Path, nil)
	if err != nil {
		return nil, fmt.Errorf("load: open database: %w", err)
	}
	db := &DB{connector: connector, SQL: sql.OpenDB(connector), tempDir: o.TempDir, ctx: ctx, serials: serialFingerprints{seed: maphash.MakeSeed()}}
	db.ckpt = checkpointer{db: db, every: o.CheckpointEvery, from: o.CompressFrom}
	// While the sessions load, DuckDB runs each INSERT on its caller's
	// thread alone: the sessions are the parallelism, and a query's caller
	// otherwise spins on DuckDB's task queue while its worker threads run
	// (measured: a fifth of the loading's CPU, on two cores). Finish gives
	// the queries their threads back.
	settings := []string{loadingThreads}
	db.threads = "RESET threads"
	if o.Threads > 0 {
		db.threads = fmt.Sprintf("SET threads = %d", o.Threads)
	}
	if o.MemoryLimit != "" {
		settings = append(settings, fmt.Sprintf("SET memory_limit = '%s'", strings.ReplaceAll(o.MemoryLimit, "'", "")))
	}
	if o.TempDir != "" {
		settings = append(settings, fmt.Sprintf("SET temp_directory = '%s'", strings.ReplaceAll(o.TempDir, "'", "''")))
	}
	settings = append(settings, "SET preserve_insertion_order = false", schemaSQL)
	for _, s := range settings {
		if _, err := db.SQL.ExecContext(ctx, s); err != nil {
			db.Close()
			return nil, fmt.Errorf("load: %s: %w", firstLine(s), err)
		}
	}
	if db.columns, err = readColumns(ctx, db.SQL); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func readColumns(ctx context.Context, q *sql.DB) (map[string][]column, error) {
	rows, err := q.QueryContext(ctx, `SELECT table_name, column_name, data_type FROM information_schema.columns
		WHERE table_schema = 'main' ORDER BY table_name, ordinal_position`)
	if err != nil {
		return nil, fmt.Errorf("load: schema: %w", err)
	}
	defer rows.Close()
	cols := map[string][]column{}
	for rows.Next() {
		var table string
		var c column
		if err := rows.Scan(&table, &c.name, &c.typ); err != nil {
			return nil, fmt.Errorf("load: schema: %w", err)
		}
		cols[table] = append(cols[table], c)
	}
	return cols, rows.Err()
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// Close releases the database.
func (db *DB) Close() error {
	db.ckpt.wg.Wait()
	db.leftovers.release()
	err := db.SQL.Close()
	if cerr := db.connector.Close(); err == nil {
		err = cerr
	}
	return err
}

// Source says where rows come from.
type Source struct {
	FileOrd, SheetOrd int
	File, Sheet       string
}

// Optional values: Valid false loads NULL.
type (
	OptDate struct {
		normalize.Date
		Valid bool
	}
	OptFen struct {
		normalize.Fen
		Valid bool
	}
	OptBool struct{ Value, Valid bool }
	OptInt  struct {
		Value int
		Valid bool
	}
)

// Card is one 一卡通 payment row.
type Card struct {
	Row                             int
	ID                              string
	IDValid                         bool
	Name, NameKey                   string
	Item, Township, Village, Status string
	Serial                          string
	Amount                          normalize.Fen
	Date                            normalize.Date
	label                           int32  // of Item … Status, in card_labels (Session.Card)
	serialFP                        uint32 // of Serial (serials.go)
}

// CardSkipped is a 一卡通 row that is not money received (a failed payment),
// kept for `paicha explain`; Amount and Date are NULL where they did not parse.
type CardSkipped struct {
	Row                    int
	ID, Name, Item, Status string
	Amount                 OptFen
	Date                   OptDate
	Reason                 string
}

// Medical is one settlement row.
type Medical struct {
	Row              int
	ID               string
	IDValid          bool
	Name, NameKey    string
	Hospital, Serial string
	Selfpay          normalize.Fen
	Date             normalize.Date
	serialFP         uint32 // of Serial (serials.go)
}

// Household is one household's fields.
type Household struct {
	Row                                                      int
	Key, No, Township, Village, Type, MonitorType            string
	MonitorSince                                             OptDate
	Eliminated, Fallback                                     OptBool
	SizeDeclared                                             OptInt
	Wage, Business, BusinessCost, Property, Transfer, Claims normalize.Fen
	Selfpay                                                  normalize.Fen
	PCDeclared, PCLastYear                                   OptFen
	Edu, Med, House, Water                                   OptBool

	// SPEC §3.3.1; "" is written as NULL.
	Risks         string
	Measures      [MeasureCount]string // in schema order: m_industry … m_infra
	DevStatus     OptBool
	ElimWay       string
	ElimDate      OptDate
	AfterHouse    OptBool
	AfterWater    OptBool
	AfterEdu      OptBool
	AfterMed      OptBool
	AfterPC       OptFen
	Contact       string
	GSource       string
	IncomeMissing bool
}

// MeasureCount is the number of 帮扶措施 categories (SPEC §3.3.1).
const MeasureCount = 14

// Person is one member of a household.
type Person struct {
	Row                     int
	HHKey, ID               string
	IDValid                 bool
	Name, NameKey, Relation string
	Labor, Health           string
	Disability              int
	Status                  string
	StatusDate, BirthDate   OptDate

	// SPEC §3.3.1; "" is written as NULL.
	Sex, School, EduLevel, NoSchool   string
	InsResident, InsEmployee, Pension OptBool
	Dibao, Tekun                      OptBool
	WelfareJob                        string
	DisabilityCategory                OptInt
}

// SheetField says a survey sheet has a column for a household or person
// field (the table sheet_field); Row is the header row.
type SheetField struct {
	Row   int
	Field string
}

// SurveyIssue is a finding of the survey's reading (the table survey_issue).
type SurveyIssue struct {
	Row                                  int
	HHKey, ID, Code, Field, Value, Other string
}

// Reject is an input row that could not be used, with the reason.
type Reject struct {
	Row          int
	Kind, Reason string
	Raw          string
}
