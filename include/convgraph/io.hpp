// IO: writing output files atomically (temporary file in the same directory, then rename).
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace convgraph {

// Writes `content` to `path` so that readers see either the old file or the whole new one,
// never a half-written file. Creates missing parent directories. Throws Error on failure.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// The same, for content produced piece by piece: `produce` writes to a stream on the temporary
// file. If it throws, the temporary file is removed and `path` is left as it was.
void write_file_atomic(const std::filesystem::path& path, const std::function<void(std::ostream&)>& produce);

// Reads a whole file. Throws Error when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace convgraph
