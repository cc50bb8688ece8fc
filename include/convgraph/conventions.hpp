// Conventions: the words that mark each part of a note (configuration with good defaults).
#pragma once

#include "convgraph/model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace convgraph {

// Every word list is matched after normalize_name(); Chinese and English defaults.
struct Conventions {
    // Driver-table header cells, per column role.
    std::vector<std::string> driver_headers{"因素", "驱动因素", "驱动力", "收敛因素", "driver", "drivers", "factor", "factors"};
    std::vector<std::string> mechanism_headers{"作用机制", "机制", "mechanism", "mechanisms"};
    std::vector<std::string> effect_headers{"收敛效果", "效果", "effect", "effects", "outcome", "outcomes"};
    // Bold labels inside a driver's section; a label matches when it ends with one of these.
    std::vector<std::string> core_idea_labels{"核心思想", "core idea"};
    std::vector<std::string> effect_labels{"收敛效果", "effects", "convergence effects"};
    std::vector<std::string> case_labels{"案例", "cases", "examples"};
    // Three-layer-model headings: "<subject><joiner><layer>" where the layer ends with a suffix.
    std::vector<std::string> layer_joiners{"与", " and the ", " and "};
    std::vector<std::string> layer_suffixes{"层", "layer"};
    // Phrase delimiters for mechanism and effect cells and core ideas.
    std::vector<std::string> delimiters{"，", ",", "、", ";", "；"};
    // Headings whose section is the table of contents.
    std::vector<std::string> toc_headings{"目录", "contents", "table of contents", "toc"};
    // A heading "<name><suffix>" below the title is a driver's section ("三、Scaling Law 驱动力").
    std::vector<std::string> driver_section_suffixes{"驱动力", "driver"};

    static const Conventions& defaults();

    // The column role a driver-table header cell names: driver, mechanism, effect, or nullopt.
    std::optional<Role> header_role(std::string_view cell) const;
    // True when the heading's title (normalised) is one of toc_headings.
    bool is_toc_heading(std::string_view title) const;
};

}  // namespace convgraph
