// Option values CLI11 would take as given: whole numbers and names.
#include "commands.hpp"

#include <charconv>
#include <cstdint>
#include <system_error>

namespace convgraph::cli {

// Digits only. CLI11 reads "-1" into a std::size_t as 2^64 - 1, which would make `--limit -1`
// mean "no limit" by accident; here a sign is refused like any other stray character.
CLI::Validator whole_number(std::string_view unit, std::string zero_refused) {
    return CLI::Validator(
        [unit = std::string(unit), zero_refused = std::move(zero_refused)](std::string& value) -> std::string {
            std::uintmax_t n = 0;
            const char* end = value.data() + value.size();
            auto [ptr, ec] = std::from_chars(value.data(), end, n);
            if (value.empty() || ec != std::errc() || ptr != end)
                return "must be a whole number of " + unit + ", not '" + value + "'";
            if (n == 0 && !zero_refused.empty()) return zero_refused;
            return {};
        },
        "N");
}

// An empty name would select nothing, or (--around "", a filter left unset) everything: a
// script's unset variable is a mistake to report, not a query to answer.
CLI::Validator non_empty_name() {
    return CLI::Validator([](std::string& value) -> std::string { return value.empty() ? "must not be empty" : ""; },
                          "NAME");
}

}  // namespace convgraph::cli
