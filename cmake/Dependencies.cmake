# Dependencies: all from Debian 12 packages (see .ci/run for the package names).
find_package(PkgConfig REQUIRED)
# Debian ships cmark-gfm with a pkg-config file only (it also links the extensions library).
pkg_check_modules(CMARK_GFM REQUIRED IMPORTED_TARGET libcmark-gfm)
# utf8proc: Unicode categories, case mapping, NFKC folding and character widths.
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 2.1 REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS graph)
find_package(spdlog 1.10 REQUIRED)
find_package(Threads REQUIRED)
# Graphviz's libgvc (with cgraph) renders the svg/png exports in process; the layout and render
# plugins are loaded at run time from the graphviz package.
pkg_check_modules(GVC REQUIRED IMPORTED_TARGET libgvc)
# Abseil's flat_hash_map for the hash maps on the hot path of merging notes into the graph
# (Boost 1.74 has no open-addressing map; std::unordered_map allocates a node per entry).
find_package(absl REQUIRED)
# xxHash: the 128-bit XXH3 content hash that names note cache entries.
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
