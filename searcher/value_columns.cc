#include "searcher/value_columns.h"

#include <limits>
#include <unordered_map>

namespace bw {

std::unique_ptr<ValueColumn> ValueColumn::read(const Xapian::Database& db, Xapian::valueno slot) {
    auto column = std::make_unique<ValueColumn>();
    const Xapian::docid last = db.get_lastdocid();
    column->starts_.assign(static_cast<std::size_t>(last) + 2, 0);
    // Distinct values are tracked until there are too many to code.
    std::unordered_map<std::string, std::uint16_t> distinct;
    bool codable = true;
    Xapian::docid next = 1;  // the first docid whose start is not set yet
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        const Xapian::docid did = it.get_docid();
        if (did > last) break;
        const std::string& value = *it;
        if (column->bytes_.size() + value.size() > std::numeric_limits<std::uint32_t>::max()) return nullptr;
        for (; next <= did; ++next) column->starts_[next] = static_cast<std::uint32_t>(column->bytes_.size());
        column->bytes_ += value;
        if (codable) {
            if (distinct.size() < kMaxCoded) distinct.try_emplace(value, static_cast<std::uint16_t>(distinct.size() + 1));
            else if (!distinct.contains(value)) codable = false, distinct.clear();
        }
    }
    for (; next <= last + 1; ++next) column->starts_[next] = static_cast<std::uint32_t>(column->bytes_.size());
    if (codable) {
        column->coded_ = true;
        column->values_.resize(distinct.size());
        for (auto& [value, code] : distinct) column->values_[code - 1] = value;
        column->codes_.assign(static_cast<std::size_t>(last) + 1, 0);
        for (Xapian::docid did = 1; did <= last; ++did) {
            const std::uint32_t begin = column->starts_[did], end = column->starts_[did + 1];
            if (begin != end) column->codes_[did] = distinct.at(column->bytes_.substr(begin, end - begin));
        }
        std::vector<std::uint32_t>().swap(column->starts_);
        std::string().swap(column->bytes_);
    } else {
        column->bytes_.shrink_to_fit();
    }
    return column;
}

std::string_view ValueColumn::get(Xapian::docid did) const {
    if (coded_) {
        if (did >= codes_.size() || codes_[did] == 0) return {};
        return values_[codes_[did] - 1];
    }
    if (did + 1 >= starts_.size()) return {};
    return std::string_view(bytes_).substr(starts_[did], starts_[did + 1] - starts_[did]);
}

std::size_t ValueColumn::memory_bytes() const {
    std::size_t bytes = codes_.capacity() * sizeof(std::uint16_t) + starts_.capacity() * sizeof(std::uint32_t) +
                        bytes_.capacity();
    for (const auto& value : values_) bytes += sizeof(std::string) + value.capacity();
    return bytes;
}

const ValueColumn* ValueColumnCache::column(const Xapian::Database& db, Xapian::valueno slot) {
    if (auto found = columns_.find(slot); found != columns_.end()) return found->second.get();
    if (read_[slot] * kColumnAfterShare < db.get_doccount()) return nullptr;
    return (columns_[slot] = ValueColumn::read(db, slot)).get();
}

std::size_t ValueColumnCache::memory_bytes() const {
    std::size_t bytes = 0;
    for (const auto& [slot, column] : columns_)
        if (column) bytes += column->memory_bytes();
    return bytes;
}

}  // namespace bw
