// Export: the table of export formats {name, extension, description, writer}.
#pragma once

#include "convgraph/graph.hpp"

#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace convgraph {

struct ExportOptions {
    bool with_documents = false;  // document nodes and links_to/mentions edges
};

// Which nodes and edges an export shows, derived once from the options.
struct ExportSelection {
    std::vector<bool> node;  // per NodeIndex
    std::vector<bool> edge;  // per EdgeIndex
};
ExportSelection select_for_export(const Graph& g, const ExportOptions& options);

using ExportWriter = std::function<std::string(const Graph&, const ExportSelection&)>;

struct ExportFormat {
    std::string_view name;
    std::string_view extension;
    std::string_view description;
    ExportWriter write;
};

std::span<const ExportFormat> export_formats();
const ExportFormat* find_export_format(std::string_view name);

// The writers (one file each).
std::string write_graphml(const Graph& g, const ExportSelection& sel);

}  // namespace convgraph
