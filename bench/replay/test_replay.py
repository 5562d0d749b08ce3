"""Tests of the replay's classification helpers: python3 -m unittest discover -s bench/replay"""

import tempfile
import unittest
from pathlib import Path

import replay
import sample


class GlobTest(unittest.TestCase):
    def test_star_stays_in_a_segment_and_double_star_spans_folders(self):
        rx = replay.glob_to_regex("crates/*/migrations/*.sql")
        self.assertTrue(rx.match("crates/a/migrations/1.sql"))
        self.assertFalse(rx.match("crates/a/b/migrations/1.sql"))
        rx = replay.glob_to_regex("migrations/**/*.sql")
        self.assertTrue(rx.match("migrations/1.sql"))
        self.assertTrue(rx.match("migrations/2020_x/up.sql"))
        self.assertFalse(rx.match("other/migrations/1.sql"))


class HunksTest(unittest.TestCase):
    def test_new_side_lines_of_each_hunk(self):
        diff = "\n".join([
            "diff --git a/m/1.sql b/m/1.sql",
            "--- a/m/1.sql",
            "+++ b/m/1.sql",
            "@@ -3 +3 @@",
            "@@ -10,0 +11,2 @@",
            "@@ -20,4 +22,0 @@",
            "diff --git a/m/2.sql b/m/2.sql",
            "--- a/m/2.sql",
            "+++ /dev/null",
            "@@ -1,2 +0,0 @@",
        ])
        self.assertEqual({"m/1.sql": {3, 11, 12}}, replay.parse_hunks(diff))


class DownTest(unittest.TestCase):
    def test_down_files_by_runner_naming(self):
        for path in ["m/000002_nick.down.sql", "migrations/2020-01-01_x/down.sql", "db/U2__undo_x.sql",
                     "revert/add_users.sql", "m/20200101.postgres.down.sql"]:
            self.assertEqual("file", replay.down_lines(path, "DROP TABLE x;")[0], path)
        for path in ["m/000002_nick.up.sql", "db/V2__x.sql", "deploy/add_users.sql", "m/countdown.sql"]:
            self.assertNotEqual("file", replay.down_lines(path, "SELECT 1;")[0], path)

    def test_goose_and_dbmate_sections_and_liquibase_rollback_lines(self):
        goose = "-- +goose Up\nCREATE TABLE t (id int);\n-- +goose Down\nDROP TABLE t;\n"
        kind, is_down = replay.down_lines("m/1_t.sql", goose)
        self.assertEqual("sections", kind)
        self.assertEqual([False, False, True, True], [is_down(n) for n in range(1, 5)])
        dbmate = "-- migrate:up\nCREATE TABLE t (id int);\n\n-- migrate:down\nDROP TABLE t;\n"
        _, is_down = replay.down_lines("db/migrations/1_t.sql", dbmate)
        self.assertFalse(is_down(2))
        self.assertTrue(is_down(5))
        liquibase = "--liquibase formatted sql\n--changeset a:1\nCREATE TABLE t (id int);\n--rollback DROP TABLE t;\n"
        _, is_down = replay.down_lines("changelog.sql", liquibase)
        self.assertFalse(is_down(3))
        self.assertTrue(is_down(4))


class DialectTest(unittest.TestCase):
    def project(self, paths):
        return replay.Project({"name": "o/r", "paths": paths})

    def test_project_glob_wins_over_a_file_name(self):
        p = self.project([["riverdriver/riversqlite/**/*.sql", "sqlite"], ["riverdriver/*/migration/**/*.sql",
                                                                           "postgresql"]])
        path = "riverdriver/riverpgxv5/migration/main/007_sqlite_jsonb.up.sql"
        self.assertEqual({"postgresql"}, replay.file_dialects(p, path, "", set()))
        self.assertEqual({"sqlite"}, replay.file_dialects(p, "riverdriver/riversqlite/migration/1.up.sql", "", set()))

    def test_names_then_folders_then_content(self):
        p = self.project([["**/*.sql", "auto"]])
        self.assertEqual({"mysql"}, replay.file_dialects(p, "db/postgres/1_x.mysql.up.sql", "", set()))
        self.assertEqual({"clickhouse"}, replay.file_dialects(p, "db/clickhouse/migrations/1.sql", "", set()))
        self.assertEqual({"clickhouse"}, replay.file_dialects(
            p, "schema/1.sql", "CREATE TABLE e (id UInt64) ENGINE = MergeTree ORDER BY id;", set()))
        self.assertEqual({"postgresql"}, replay.file_dialects(p, "schema/1.sql", "CREATE TABLE e (id int);", set()))

    def test_pop_generic_file_is_not_run_where_a_dialect_has_its_own(self):
        p = self.project([["m/*.sql", "auto"]])
        tracked = {"m/1_idx.autocommit.up.sql", "m/1_idx.postgres.autocommit.up.sql", "m/1_idx.mysql.up.sql",
                   "m/2_col.up.sql"}
        self.assertEqual({"sqlite", "cockroachdb"}, replay.file_dialects(p, "m/1_idx.autocommit.up.sql", "", tracked))
        self.assertEqual({"postgresql", "mysql", "sqlite", "cockroachdb"},
                         replay.file_dialects(p, "m/2_col.up.sql", "", tracked))


class NotMigrationTest(unittest.TestCase):
    def test_dumps_test_data_and_sqlc_schema(self):
        with tempfile.TemporaryDirectory() as d:
            root = Path(d)
            (root / "pkg").mkdir()
            (root / "pkg" / "sqlc.yaml").write_text(
                'version: "2"\nsql:\n  - engine: "postgresql"\n    queries:\n      - q.sql\n    schema:\n'
                '      - ../sql/schema/v1.sql\n      - ../db/migrations\n')
            gen = replay.GeneratorSchemas(root, ["pkg/sqlc.yaml"])
        self.assertEqual("generator schema", replay.not_migration("sql/schema/v1.sql", gen))
        self.assertEqual("generator queries", replay.not_migration("pkg/q.sql", gen))
        self.assertIsNone(replay.not_migration("db/migrations/1_x.up.sql", gen))

    def test_versioned_files_of_a_sqlc_schema_folder_stay_migrations(self):
        # sqlc reads a folder of migrations as its schema, in order (its own examples/ondeck/sqlite/schema/)
        with tempfile.TemporaryDirectory() as d:
            root = Path(d)
            (root / "sqlc.json").write_text('{"packages": [{"schema": "sqlite/schema", "queries": "sqlite/query"}]}')
            gen = replay.GeneratorSchemas(root, ["sqlc.json"])
        self.assertIsNone(replay.not_migration("sqlite/schema/0003_add_column.sql", gen))
        self.assertEqual("generator schema", replay.not_migration("sqlite/schema/tables.sql", gen))
        self.assertEqual("schema dump", replay.not_migration("store/migration/postgres/LATEST.sql", gen))
        self.assertEqual("test data", replay.not_migration("internal/testdata/x.sql", gen))
        self.assertIsNone(replay.not_migration("migrations/20200101_schema_change.sql", gen))


class StatementTest(unittest.TestCase):
    DO_BLOCK = "\n".join([
        "-- a comment",                                   # 1
        "",                                               # 2
        "do $$",                                          # 3
        "begin",                                          # 4
        "  alter table users",                            # 5
        "    alter column phone type text;",              # 6
        "exception",                                      # 7
        "  when SQLSTATE '0A000' then",                   # 8
        "    raise notice 'x; y';",                       # 9
        "end $$;",                                        # 10
        "ALTER TABLE t",                                  # 11
        "  ADD CONSTRAINT c CHECK (a = ';');",            # 12
    ]) + "\n"

    def test_top_level_statement_without_its_leading_comments(self):
        self.assertEqual((11, 12), replay.statement_lines(self.DO_BLOCK, 12))
        self.assertEqual((3, 10), replay.statement_lines(self.DO_BLOCK, 3))

    def test_a_line_inside_a_do_body_belongs_to_the_body_statement_it_is_in(self):
        self.assertEqual((4, 6), replay.statement_lines(self.DO_BLOCK, 6))
        self.assertEqual((7, 9), replay.statement_lines(self.DO_BLOCK, 8))

    def test_an_edit_elsewhere_in_the_do_block_leaves_the_embedded_statement_unchanged(self):
        e = {"line": 5, "endLine": 6}
        self.assertFalse(replay.statement_touched(self.DO_BLOCK, e, {8, 9}, set()))
        self.assertTrue(replay.statement_touched(self.DO_BLOCK, e, {4}, set()))

    def test_an_edit_on_another_line_of_the_statement_touches_it(self):
        e = {"line": 12, "endLine": 12}
        self.assertTrue(replay.statement_touched(self.DO_BLOCK, e, {11}, set()))
        self.assertFalse(replay.statement_touched(self.DO_BLOCK, e, {1}, set()))
        self.assertTrue(replay.statement_touched(self.DO_BLOCK, e, set(), {11}))   # lines removed after line 11
        self.assertFalse(replay.statement_touched(self.DO_BLOCK, e, set(), {12}))  # ... after its last line

    def test_deletions_of_a_diff(self):
        diff = "\n".join(["+++ b/m/1.sql", "@@ -3 +3 @@", "@@ -20,4 +22,0 @@", "@@ -30,0 +31 @@"])
        self.assertEqual({"m/1.sql": {22}}, replay.parse_deletions(diff))


class SampleTest(unittest.TestCase):
    DATA = {"projects": [
        {"project": "a/b", "commits": [
            {"commit": "c1", "migralint": {"outcome": "blocked"},
             "errors": [{"rule": "r1", "cause": "rest", "line": i} for i in range(10)]},
            {"commit": "c2", "migralint": {"outcome": "passed"}, "errors": [{"rule": "r1", "cause": "rest", "line": 99}]},
        ]},
        {"project": "c/d", "commits": [
            {"commit": "c3", "migralint": {"outcome": "blocked"},
             "errors": [{"rule": "r2", "cause": "unchanged", "line": i} for i in range(5)]},
        ]},
    ]}

    def test_only_errors_of_blocked_commits_filtered_by_cause_and_rule(self):
        self.assertEqual(15, len(sample.blocking_errors(self.DATA)))
        self.assertEqual(5, len(sample.blocking_errors(self.DATA, cause="unchanged")))
        self.assertEqual(10, len(sample.blocking_errors(self.DATA, rule="r1")))

    def test_the_same_seed_draws_the_same_sample_and_another_seed_another(self):
        population = sample.blocking_errors(self.DATA)
        first = [e["line"] for _, _, e in sample.draw(population, 6, 13)]
        self.assertEqual(first, [e["line"] for _, _, e in sample.draw(population, 6, 13)])
        self.assertEqual(6, len(set(id(x) for x in sample.draw(population, 6, 13))))
        self.assertNotEqual(first, [e["line"] for _, _, e in sample.draw(population, 6, 14)])
        self.assertEqual(15, len(sample.draw(population, 100, 13)))

    def test_statement_text_spans_the_statement_of_the_error(self):
        self.assertEqual("ALTER TABLE t\n  ADD CONSTRAINT c CHECK (a = ';');",
                         replay.statement_text(StatementTest.DO_BLOCK, 12, 12))


if __name__ == "__main__":
    unittest.main()
