#pragma once

#include <string>
#include <vector>

namespace clv {

class WordLists;

// The word lists as ready-to-paste JSON string literals (quotes included, escaped the way
// Python's json.dumps does by default: non-ASCII as \uXXXX), so that the generator's hot
// loop copies bytes and never touches QString.
struct GeneratorVocabulary {
    std::vector<std::string> lastNames;
    std::vector<std::string> cities;
    std::vector<std::string> states;
    std::vector<std::string> cameraMakes; // parallel to cameraModels
    std::vector<std::string> cameraModels;

    static GeneratorVocabulary fromWordLists(const WordLists& words);
};

} // namespace clv
