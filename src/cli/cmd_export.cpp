// convgraph export: the graph in another format, to stdout or a file (written atomically).
#include "commands.hpp"
#include "output.hpp"

#include "convgraph/error.hpp"
#include "convgraph/export.hpp"

#include <memory>

namespace convgraph::cli {

namespace {

struct ExportArgs {
    GraphSource source;
    std::string format;
    std::string output;
    bool with_documents = false;
};

int run_export(const ExportArgs& args) {
    const ExportFormat* format = find_export_format(args.format);
    if (!format) {
        std::string names;
        for (const auto& f : export_formats()) names += (names.empty() ? "" : ", ") + std::string(f.name);
        throw Error("unknown export format '" + args.format + "' (available: " + names + ")");
    }
    BuildResult r = args.source.load();
    ExportOptions options;
    options.with_documents = args.with_documents;
    ExportSelection sel = select_for_export(r.graph, options);
    emit(format->write(r.graph, sel), args.output);
    return k_exit_ok;
}

}  // namespace

Runner setup_export(CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<ExportArgs>();
    std::string formats;
    for (const auto& f : export_formats()) formats += "\n  " + std::string(f.name) + ": " + std::string(f.description);
    app.add_option("-f,--format", args->format, "Export format:" + formats)->required();
    app.add_option("-o,--output", args->output, "Write to this file (atomically) instead of standard output");
    app.add_flag("--with-documents", args->with_documents, "Include document nodes and links_to/mentions edges");
    args->source.add_options(app);
    return [args] { return run_export(*args); };
}

}  // namespace convgraph::cli
