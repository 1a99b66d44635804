// Helpers shared by the integration tests: temporary directories, paths to the project's
// fixtures and to ../shared (tests that need it skip with a message when it is absent), and a
// quiet way to index inputs into a fresh database.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indexer/indexer.h"

namespace bw::test {

// A directory removed with everything in it when the object goes away.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "bellwether-test-XXXXXX").string();
        std::vector<char> buffer(pattern.begin(), pattern.end());
        buffer.push_back('\0');
        if (!mkdtemp(buffer.data())) throw std::runtime_error("mkdtemp failed");
        path_ = buffer.data();
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

inline std::filesystem::path project_dir() { return std::filesystem::path(BELLWETHER_TEST_DIR).parent_path(); }
inline std::filesystem::path examples_dir() { return project_dir() / "examples"; }
inline std::filesystem::path shared_dir() { return std::filesystem::path(BELLWETHER_SHARED_DIR); }

// The path of a file under ../shared, or "" when ../shared is absent (the caller skips).
inline std::string shared_file(const std::string& relative) {
    auto path = shared_dir() / relative;
    return std::filesystem::exists(path) ? path.string() : std::string();
}

#define BW_REQUIRE_SHARED(path_var, relative)                                                        \
    const std::string path_var = ::bw::test::shared_file(relative);                                  \
    if (path_var.empty()) GTEST_SKIP() << "../shared/" << relative << " is absent (only CI has it)"

// Copies the first `lines` lines of `source` into `target`: a slice of a corpus.
inline void write_slice(const std::string& source, const std::string& target, int lines) {
    std::ifstream in(source);
    std::ofstream out(target);
    std::string line;
    for (int n = 0; n < lines && std::getline(in, line); ++n) out << line << "\n";
}

// Indexes `inputs` into `db`, returning the summary; diagnostics are kept in `diagnostics`.
inline IndexSummary index_into(const std::string& db, const std::vector<std::string>& inputs,
                               std::string* diagnostics = nullptr, IndexOptions options = {}) {
    options.db_path = db;
    options.inputs = inputs;
    options.progress = ProgressMode::Never;
    std::ostringstream out, err;
    IndexSummary summary = run_index(options, out, err);
    if (diagnostics) *diagnostics = err.str();
    return summary;
}

// Indexes the first `lines` records of Reuters-21578 into `dir`/reuters.db and returns its path,
// or "" when ../shared/corpora is absent (the caller skips).
inline std::string index_reuters_slice(const TempDir& dir, int lines) {
    const std::string reuters = shared_file("corpora/reuters21578/reuters21578.jsonl");
    if (reuters.empty()) return {};
    const std::string slice = dir / ("reuters-" + std::to_string(lines) + ".jsonl"), db = dir / "reuters.db";
    write_slice(reuters, slice, lines);
    index_into(db, {slice});
    return db;
}

// A test over the first 2,500 Reuters articles, indexed for each test into a temporary database
// (`db_`); skipped when ../shared/corpora is absent.
class ReutersSliceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = index_reuters_slice(dir_, 2500);
        if (db_.empty()) GTEST_SKIP() << "../shared/corpora/reuters21578 is absent (only CI has it)";
    }

    TempDir dir_;
    std::string db_;
};

}  // namespace bw::test
