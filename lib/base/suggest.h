#pragma once
// "Did you mean" suggestions for unknown names (config keys, subcommands, models).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tfsk {

/// Levenshtein distance between two strings (insert, delete, substitute all cost 1).
std::size_t EditDistance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a plausible typo: at most a third
/// of the word's length (and at least 1 edit) away. Ties go to the earlier candidate.
std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" when ClosestMatch finds one, otherwise "" — ready to append to an error.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace tfsk
