// bellwether-index --compact: Xapian compaction of an existing database (or of each shard of a
// sharded archive), in place and safely.
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <sstream>

#include <xapian.h>

#include "core/errors.h"
#include "indexer/db_files.h"
#include "indexer/indexer.h"
#include "indexer/sharded_archive.h"

namespace bw {

std::string CompactSummary::summary_line() const {
    std::ostringstream s;
    s << "bellwether-index: compacted " << documents << " documents: " << std::fixed << std::setprecision(1)
      << bytes_before / 1e6 << " MB -> " << bytes_after / 1e6 << " MB in " << std::setprecision(2) << seconds
      << " s";
    return s.str();
}

namespace {

CompactSummary compact_one(const std::string& db_path) {
    auto started = std::chrono::steady_clock::now();
    CompactSummary summary;
    if (!std::filesystem::is_directory(db_path)) throw DatabaseError(db_path + ": no such database");
    try {
        // Holding the write lock keeps indexers out while the copy is made and swapped in.
        Xapian::WritableDatabase lock(db_path, Xapian::DB_OPEN);
        summary.documents = lock.get_doccount();
        summary.bytes_before = directory_bytes(db_path);
        ScratchDir scratch(db_path, "bw-compact");
        const auto compacted = scratch.path() / "compacted";
        {
            Xapian::Database source(db_path);
            source.compact(compacted.string());
        }
        swap_in_database(db_path, compacted, scratch.path());
        summary.bytes_after = directory_bytes(db_path);
        lock.close();
    } catch (const Xapian::DatabaseLockError&) {
        throw DatabaseError(db_path + ": the database is being written by another process (locked); "
                            "wait for it to finish and run again");
    } catch (const Xapian::Error& e) {
        throw DatabaseError(db_path + ": cannot compact the database: " + e.get_description());
    }
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace

CompactSummary compact_database(const std::string& db_path) {
    const auto archive = find_sharded_archive(db_path);
    if (!archive) return compact_one(db_path);
    CompactSummary total;
    for (unsigned k = 0; k < archive->shards; ++k) {
        const CompactSummary shard = compact_one(archive->shard_path(k));
        total.documents += shard.documents;
        total.bytes_before += shard.bytes_before;
        total.bytes_after += shard.bytes_after;
        total.seconds += shard.seconds;
    }
    return total;
}

}  // namespace bw
