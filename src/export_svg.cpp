// Export: a picture (SVG or PNG) of the DOT export plus a legend, laid out and rendered in
// process by Graphviz's libgvc. The only file that includes Graphviz headers.
#include "convgraph/export.hpp"

#include "convgraph/error.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>

namespace convgraph {

namespace {

constexpr std::array<std::string_view, 6> k_layouts = {"dot", "sfdp", "neato", "fdp", "circo", "twopi"};

// Graphviz reports through a process-wide callback; collect its messages for the Error text.
std::string& graphviz_messages() {
    static std::string messages;
    return messages;
}

int collect_message(char* text) {
    graphviz_messages() += text;
    return 0;
}

struct ContextDeleter {
    void operator()(GVC_t* c) const { gvFreeContext(c); }
};
struct GraphDeleter {
    void operator()(Agraph_t* g) const { agclose(g); }
};

[[noreturn]] void fail(const std::string& what) {
    std::string detail = graphviz_messages();
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
    throw Error("Graphviz: " + what + (detail.empty() ? "" : ": " + detail));
}

}  // namespace

std::string render_graphviz(const Graph& g, const ExportSelection& sel, const ExportOptions& options,
                            std::string_view format) {
    if (std::find(k_layouts.begin(), k_layouts.end(), options.layout) == k_layouts.end())
        throw Error("unknown layout '" + options.layout + "' (expected dot, sfdp, neato, fdp, circo or twopi)");
    std::string dot = export_detail::dot_source(g, sel, options, true);
    graphviz_messages().clear();
    agseterr(AGERR);
    agseterrf(collect_message);
    std::unique_ptr<GVC_t, ContextDeleter> gvc(gvContext());
    if (!gvc) fail("cannot create a context");
    std::unique_ptr<Agraph_t, GraphDeleter> graph(agmemread(dot.c_str()));
    if (!graph) fail("cannot read the generated graph");
    if (gvLayout(gvc.get(), graph.get(), options.layout.c_str()) != 0) fail("layout '" + options.layout + "' failed");
    char* data = nullptr;
    unsigned int length = 0;
    std::string format_name(format);
    int rc = gvRenderData(gvc.get(), graph.get(), format_name.c_str(), &data, &length);
    std::string out;
    if (rc == 0 && data) out.assign(data, length);
    if (data) gvFreeRenderData(data);
    gvFreeLayout(gvc.get(), graph.get());
    if (rc != 0) fail("cannot render " + format_name);
    // Graphviz may complete a layout it had trouble with ("lost … edge"): say so, not nothing.
    std::string trouble = graphviz_messages();
    while (!trouble.empty() && (trouble.back() == '\n' || trouble.back() == ' ')) trouble.pop_back();
    if (!trouble.empty()) spdlog::warn("Graphviz: {}", trouble);
    return out;
}

}  // namespace convgraph

#if defined(__SANITIZE_ADDRESS__)
// Graphviz 2.42/2.43 and the font libraries it loads keep allocations for the life of the process
// (plugin configuration, the HTML-label parser, dot's virtual nodes, font caches), which
// LeakSanitizer reports on every svg/png export. Only stacks through these libraries are ignored.
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libgvc.so\nleak:libcgraph.so\nleak:libcdt.so\nleak:libgvplugin_\nleak:libfontconfig.so\n"
           "leak:libpango\nleak:libcairo.so\nleak:libglib-2.0.so\nleak:libgobject-2.0.so\n";
}
extern "C" const char* __lsan_default_options() { return "print_suppressions=0"; }
#endif
