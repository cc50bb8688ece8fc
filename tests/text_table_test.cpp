// Unit tests: rendering rows as an aligned table, TSV, CSV, JSON and JSON lines.
#include "convgraph/text_table.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace convgraph;

TEST_CASE("table output pads columns by display width", "[text_table]") {
    TextTable t{{"名称", "kind"}, {{"技术收敛驱动力", "driver"}, {"ab", "x"}}};
    CHECK(render_table(t, TableFormat::table) ==
          "名称            kind\n"
          "--------------  ------\n"
          "技术收敛驱动力  driver\n"
          "ab              x\n");
    CHECK(render_table(t, TableFormat::table, false) ==
          "技术收敛驱动力  driver\n"
          "ab              x\n");
}

TEST_CASE("tsv flattens tabs and newlines", "[text_table]") {
    TextTable t{{"a", "b"}, {{"x\ty", "line1\nline2\r"}}};
    CHECK(render_table(t, TableFormat::tsv) == "a\tb\nx y\tline1 line2 \n");
    CHECK(render_table(t, TableFormat::tsv, false) == "x y\tline1 line2 \n");
}

TEST_CASE("csv quotes per RFC 4180", "[text_table]") {
    TextTable t{{"name", "note"}, {{"a,b", "say \"hi\""}, {"plain", "two\nlines"}, {"中文", ""}}};
    CHECK(render_table(t, TableFormat::csv) ==
          "name,note\r\n\"a,b\",\"say \"\"hi\"\"\"\r\nplain,\"two\nlines\"\r\n中文,\r\n");
}

TEST_CASE("json and jsonl key rows by column name", "[text_table]") {
    TextTable t{{"id", "label"}, {{"a", "甲"}, {"b", "\"q\""}}};
    CHECK(render_table(t, TableFormat::jsonl) == "{\"id\":\"a\",\"label\":\"甲\"}\n{\"id\":\"b\",\"label\":\"\\\"q\\\"\"}\n");
    CHECK(render_table(t, TableFormat::json) ==
          "[\n  {\n    \"id\": \"a\",\n    \"label\": \"甲\"\n  },\n  {\n    \"id\": \"b\",\n    \"label\": \"\\\"q\\\"\"\n  }\n]\n");
    CHECK(render_table(TextTable{{"x"}, {}}, TableFormat::json) == "[]\n");
}
