// IO: writing output files atomically (temporary file in the same directory, then rename).
#pragma once

#include <filesystem>
#include <string_view>

namespace convgraph {

// Writes `content` to `path` so that readers see either the old file or the whole new one,
// never a half-written file. Creates missing parent directories. Throws Error on failure.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// Reads a whole file. Throws Error when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace convgraph
