// Check codes: the table of every diagnostic convgraph reports — code, default severity,
// a short and a full description and a hint. Docs, SARIF rules and config validation use it.
#pragma once

#include "convgraph/diagnostics.hpp"

#include <span>
#include <string_view>

namespace convgraph {

enum class CheckGroup { files, links, structure, mermaid, tables, graph };

struct CheckInfo {
    std::string_view code;
    CheckGroup group;
    Severity default_severity;
    std::string_view summary;  // one line: what is wrong
    std::string_view help;     // how to fix or silence it
};

std::span<const CheckInfo> all_checks();
const CheckInfo* find_check(std::string_view code);
std::string_view to_string(CheckGroup g);

}  // namespace convgraph
