// convgraph export: the graph (or a selection of it) in another format, to stdout or a file
// (written atomically); multi-file formats write PREFIX<suffix> for each file.
#include "commands.hpp"
#include "output.hpp"

#include "convgraph/error.hpp"
#include "convgraph/export.hpp"

#include <filesystem>
#include <memory>
#include <optional>

namespace convgraph::cli {

namespace {

struct ExportArgs {
    GraphSource source;
    std::string format;
    std::string output;
    bool with_documents = false;
    std::vector<std::string> kinds;
    std::vector<std::string> relations;
    std::string around;
    std::optional<int> depth;
    std::string doc;
    std::string gexf_version = "1.3";
    std::string cluster = "none";
    std::string layout = "dot";
};

const ExportFormat& format_or_throw(const std::string& name) {
    if (const ExportFormat* f = find_export_format(name)) return *f;
    std::string msg = "unknown export format '" + name + "'";
    auto near = suggest_export_formats(name);
    if (!near.empty()) {
        msg += "; did you mean ";
        for (std::size_t i = 0; i < near.size(); ++i) msg += (i ? ", '" : "'") + std::string(near[i]) + "'";
        msg += "?";
    }
    std::string names;
    for (const auto& f : export_formats()) names += (names.empty() ? "" : ", ") + std::string(f.name);
    throw Error(msg + " (available: " + names + ")");
}

ExportOptions export_options(const ExportArgs& args) {
    ExportOptions o;
    o.with_documents = args.with_documents;
    for (const auto& k : args.kinds) {
        auto r = role_from_string(k);
        if (!r) throw Error("unknown kind '" + k + "' (expected driver, mechanism, effect, case, layer, aspect, concept or document)");
        o.kinds.push_back(*r);
    }
    for (const auto& name : args.relations) {
        auto r = relation_from_string(name);
        if (!r) {
            std::string names;
            for (Relation x : k_all_relations) names += (names.empty() ? "" : ", ") + std::string(to_string(x));
            throw Error("unknown relation '" + name + "' (expected one of " + names + ")");
        }
        o.relations.push_back(*r);
    }
    if (!args.around.empty()) o.around = args.around;
    if (args.depth) {
        if (args.around.empty()) throw Error("--depth needs --around NAME");
        o.depth = *args.depth;
    }
    if (!args.doc.empty()) o.doc = args.doc;
    o.gexf_version = args.gexf_version;
    if (args.cluster == "none") o.cluster = DotCluster::none;
    else if (args.cluster == "document") o.cluster = DotCluster::document;
    else if (args.cluster == "kind") o.cluster = DotCluster::kind;
    else throw Error("unknown --cluster '" + args.cluster + "' (expected none, document or kind)");
    o.layout = args.layout;
    return o;
}

// "out.csv" -> "out": the prefix the files of a multi-file format are named after.
std::string output_prefix(const std::string& output, const ExportFormat& format) {
    if (output.empty() || output == "-")
        throw Error("format '" + std::string(format.name) + "' writes several files; give -o PREFIX (for example -o graph)");
    std::string prefix = output;
    if (prefix.size() > format.extension.size() && prefix.ends_with(format.extension))
        prefix.resize(prefix.size() - format.extension.size());
    // The files are PREFIX.nodes.csv and so on: a directory would give hidden files in it, and a
    // stream (/dev/stdout) new files beside it.
    std::error_code ec;
    const auto status = std::filesystem::status(prefix, ec);
    if (prefix.ends_with('/') || std::filesystem::is_directory(status))
        throw Error("format '" + std::string(format.name) + "' writes several files named after -o PREFIX; '" + output +
                    "' is a directory: give a name in it (for example -o " +
                    (prefix.ends_with('/') ? prefix : prefix + "/") + "graph)");
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        throw Error("format '" + std::string(format.name) + "' writes several files named after -o PREFIX; '" + output +
                    "' is not a file name (a device, FIFO or socket): it cannot go to a stream");
    return prefix;
}

int run_export(const ExportArgs& args) {
    const ExportFormat& format = format_or_throw(args.format);
    ExportOptions options = export_options(args);
    std::string prefix = format.multi_file ? output_prefix(args.output, format) : std::string();
    BuildResult r = args.source.load();
    ExportSelection sel = select_for_export(r.graph, options);
    std::vector<ExportFile> files = format.write(r.graph, sel, options);
    if (!format.multi_file) {
        emit(files.front().content, args.output);
        return k_exit_ok;
    }
    for (const auto& f : files) emit(f.content, prefix + f.suffix);
    return k_exit_ok;
}

}  // namespace

Runner setup_export(CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<ExportArgs>();
    std::string formats;
    for (const auto& f : export_formats()) formats += "\n  " + std::string(f.name) + ": " + std::string(f.description);
    app.add_option("-f,--format", args->format, "Export format:" + formats)->required();
    app.add_option("-o,--output", args->output,
                   "Write to this file (atomically) instead of standard output; csv and neo4j take a prefix");
    app.add_flag("--with-documents", args->with_documents, "Include document nodes and links_to/mentions edges");
    app.add_option("--kind", args->kinds, "Keep only nodes of this kind (repeatable)");
    app.add_option("--relation", args->relations, "Keep only edges of this relation (repeatable)");
    app.add_option("--around", args->around, "Keep only the neighbourhood of this concept")->check(non_empty_name());
    app.add_option("--depth", args->depth, "With --around: how many edges away, in either direction (default 1)");
    app.add_option("--doc", args->doc, "Keep only the concepts this note (path in the corpus) defines or mentions")
        ->check(non_empty_name());
    app.add_option("--gexf-version", args->gexf_version, "gexf: 1.3 (default) or 1.2 (1.2draft, for networkx < 3.6)");
    app.add_option("--cluster", args->cluster, "dot, svg, png: none (default), document or kind");
    app.add_option("--layout", args->layout, "svg, png: Graphviz layout engine (dot, sfdp, neato, fdp, circo, twopi)");
    args->source.add_options(app);
    return [args] { return run_export(*args); };
}

}  // namespace convgraph::cli
