// Floor: the cost of parsing every note with cmark-gfm (table extension) and walking the tree,
// one file at a time on one thread — the yardstick bench/run compares `convgraph build` with.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: convgraph_floor CORPUS_DIR\n");
        return 2;
    }
    auto start = std::chrono::steady_clock::now();
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(argv[1]))
        if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    cmark_gfm_core_extensions_ensure_registered();
    cmark_syntax_extension* table = cmark_find_syntax_extension("table");
    std::uintmax_t bytes = 0;
    std::uintmax_t nodes = 0;
    std::uintmax_t text_bytes = 0;
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        bytes += text.size();
        cmark_parser* parser = cmark_parser_new(CMARK_OPT_SOURCEPOS);
        cmark_parser_attach_syntax_extension(parser, table);
        cmark_parser_feed(parser, text.data(), text.size());
        cmark_node* doc = cmark_parser_finish(parser);
        cmark_iter* it = cmark_iter_new(doc);
        for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
            if (ev != CMARK_EVENT_ENTER) continue;
            cmark_node* n = cmark_iter_get_node(it);
            ++nodes;
            nodes += static_cast<std::uintmax_t>(cmark_node_get_start_line(n) < 0);
            if (const char* lit = cmark_node_get_literal(n)) text_bytes += std::char_traits<char>::length(lit);
        }
        cmark_iter_free(it);
        cmark_node_free(doc);
        cmark_parser_free(parser);
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%zu files, %ju bytes, %ju nodes, %ju text bytes, %.3f s, %.1f MB/s\n", files.size(), bytes, nodes,
                text_bytes, secs, static_cast<double>(bytes) / 1e6 / secs);
    return 0;
}
