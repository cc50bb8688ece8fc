// Checks on driver tables: headers, row widths, empty cells.
#include "convgraph/checks.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <vector>

namespace convgraph {

void check_tables(const Document& doc, const Conventions& conv, DiagnosticSink& diags) {
    for (const auto& block : doc.blocks) {
        const auto* t = std::get_if<Table>(&block.content);
        if (!t) continue;
        std::vector<std::optional<Role>> roles;
        bool has_driver = false;
        int known = 0;
        for (const auto& cell : t->header) {
            roles.push_back(conv.header_role(cell.text));
            if (roles.back()) ++known;
            if (roles.back() == Role::driver) has_driver = true;
        }
        bool driver_table = has_driver && known >= 2;
        // The first column of each kind is the one read (extract.cpp); a later one is ignored.
        std::vector<bool> read(roles.size(), false);
        for (std::size_t i = 0; i < roles.size(); ++i)
            read[i] = roles[i] && std::find(roles.begin(), roles.begin() + static_cast<std::ptrdiff_t>(i), roles[i]) ==
                                      roles.begin() + static_cast<std::ptrdiff_t>(i);
        // A table that names a driver column but not the others is a driver table gone wrong.
        if (has_driver && known < static_cast<int>(t->header.size())) {
            for (std::size_t i = 0; i < t->header.size(); ++i) {
                if (roles[i]) continue;
                diags.warning(t->header[i].loc, "table-unknown-header",
                              "column header '" + t->header[i].text + "' of a driver table is not a known header",
                              "use 作用机制 / 收敛效果 (Mechanism / Effect), or add the header to \"conventions\" in convgraph.json");
            }
        }
        for (std::size_t r = 0; r < t->rows.size(); ++r) {
            const auto& row = t->rows[r];
            int written = r < t->source_cells.size() ? t->source_cells[r] : static_cast<int>(row.size());
            SourceLoc row_loc = row.empty() ? t->loc : row.front().loc;
            if (written != static_cast<int>(t->header.size()))
                diags.warning(row_loc, "table-ragged-row",
                              "table row has " + std::to_string(written) + " cells but the header has " +
                                  std::to_string(t->header.size()));
            if (!driver_table) continue;
            // Cells GFM padded in are reported as a ragged row, not as empty cells.
            for (std::size_t c = 0; c < row.size() && c < roles.size() && static_cast<int>(c) < written; ++c) {
                if (!read[c] || !row[c].text.empty()) continue;
                diags.warning(row[c].loc, "table-empty-cell",
                              "empty " + std::string(to_string(*roles[c])) + " cell in a driver table");
            }
        }
    }
}

}  // namespace convgraph
