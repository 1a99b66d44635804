// Which fields each search result carries (--fields / fields=, like Elasticsearch's _source
// filtering or Typesense's include_fields): id, rank and score always, the others all by default.
// A selection that needs nothing of the stored record (only id and type) is answered from value
// slots without reading, decompressing and parsing each result's record.
#pragma once

#include <string>
#include <vector>

namespace bw {

// The optional fields of a result, in the order they are printed.
enum class ResultField : unsigned {
    Type = 1u << 0,
    Title = 1u << 1,
    Date = 1u << 2,
    Source = 1u << 3,
    Url = 1u << 4,
    Tickers = 1u << 5,
    Actors = 1u << 6,
    Topics = 1u << 7,
    Strength = 1u << 8,
    Snippet = 1u << 9,
};

// A set of ResultFields; the default holds them all.
class ResultFields {
public:
    ResultFields() = default;
    // From names such as {"title", "date"} (id, rank and score are accepted and always shown);
    // throws UsageError naming the field and the valid names for anything else.
    static ResultFields parse(const std::vector<std::string>& names);
    bool has(ResultField field) const { return (mask_ & static_cast<unsigned>(field)) != 0; }
    bool all() const { return mask_ == kAll; }
    // True unless only id and type are asked for (both kept in value slots).
    bool needs_stored_record() const { return (mask_ & ~static_cast<unsigned>(ResultField::Type)) != 0; }
    // Every name parse() accepts, comma-separated (for help texts and messages).
    static const std::string& valid_names();

private:
    static constexpr unsigned kAll = (1u << 10) - 1;
    unsigned mask_ = kAll;
};

}  // namespace bw
