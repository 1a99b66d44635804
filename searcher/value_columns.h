// Value slots that every result window reads (the id, the type, the date for ties) held in memory
// for a busy searcher, so that a window's values cost an array lookup instead of value-stream
// reads (each stream opened per query costs ~4 block reads, then about one per document shown:
// bench/HISTORY.md, third session of 2026-12-02).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace bw {

// One slot's value for every document of one revision: docid -> value. A slot with few distinct
// values (type, day) keeps a 2-byte code per document and each value once; any other (ids,
// timestamps) keeps its values end to end with a 4-byte offset per document.
class ValueColumn {
public:
    // Reads every value of `slot` (one walk of its value stream); nullptr when the values are
    // too large to hold with 4-byte offsets.
    static std::unique_ptr<ValueColumn> read(const Xapian::Database& db, Xapian::valueno slot);

    // The value of `did` (empty when it has none or is past the revision read).
    std::string_view get(Xapian::docid did) const;
    // Bytes held, for the benchmark's memory note.
    std::size_t memory_bytes() const;

private:
    static constexpr std::size_t kMaxCoded = 65535;  // distinct values a coded column holds
    bool coded_ = false;
    std::vector<std::uint16_t> codes_;   // coded: codes_[did] = value index + 1, 0: none
    std::vector<std::string> values_;    // coded: the distinct values
    std::vector<std::uint32_t> starts_;  // otherwise: did's value is bytes_[starts_[did], starts_[did + 1])
    std::string bytes_;
};

// The ValueColumns of the open revision of one local database, each read once the windows of
// that revision have read about as many values of its slot from value streams as reading the
// whole column costs (so a one-off search never pays for a column, a server soon does). Whoever
// reopens the database calls forget().
class ValueColumnCache {
public:
    // Reading a column costs about what stream reads of 1/kColumnAfterShare of the documents'
    // values cost: measured, the id column took 0.19 us per document at 1M documents (190 ms,
    // 14 MB) and 0.7 on Reuters (16 ms), a window's stream reads ~4 us per value (top 10 ids on
    // Reuters, 0.04-0.06 ms per query less with the columns held).
    static constexpr std::size_t kColumnAfterShare = 16;

    // The column of `slot` if held (or due now, then read); nullptr otherwise.
    const ValueColumn* column(const Xapian::Database& db, Xapian::valueno slot);
    // `values` values of `slot` were read from the database rather than from a column.
    void note_read(Xapian::valueno slot, std::size_t values) { read_[slot] += values; }
    void forget() {
        columns_.clear();
        read_.clear();
    }
    std::size_t size() const { return columns_.size(); }
    std::size_t memory_bytes() const;

private:
    std::map<Xapian::valueno, std::unique_ptr<ValueColumn>> columns_;  // nullptr: too large to hold
    std::map<Xapian::valueno, std::size_t> read_;
};

}  // namespace bw
