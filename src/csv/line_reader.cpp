#include "adlake/csv/line_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "adlake/core/error.hpp"

namespace adlake::csv {

namespace {

// A line that crosses the end of the range is finished with small reads: it
// is usually short, and the bytes after it belong to the next rank.
constexpr std::size_t kTailChunkBytes = std::size_t{64} << 10;

std::string_view without_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::size_t read_at(int fd, char* out, std::size_t bytes, std::uint64_t offset,
                    const std::string& path) {
  std::size_t done = 0;
  while (done < bytes) {
    const ssize_t n = ::pread(fd, out + done, bytes - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw IoError("cannot read " + path + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  return done;
}

}  // namespace

FileDescriptor::FileDescriptor(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY)) {
  if (fd_ < 0) throw IoError("cannot open " + path + ": " + std::strerror(errno));
}

FileDescriptor::~FileDescriptor() {
  if (fd_ >= 0) ::close(fd_);
}

RangeLineReader::RangeLineReader(const std::string& path, std::uint64_t file_size,
                                 std::uint64_t begin, std::uint64_t end, std::size_t chunk_bytes)
    : RangeLineReader(path, file_size, begin, end, chunk_bytes, own_buffer_) {}

RangeLineReader::RangeLineReader(const std::string& path, std::uint64_t file_size,
                                 std::uint64_t begin, std::uint64_t end, std::size_t chunk_bytes,
                                 std::vector<char>& buffer)
    : path_(path),
      fd_(path),
      size_(file_size),
      end_(std::min(end, file_size)),
      chunk_(std::max<std::size_t>(chunk_bytes, 1)),
      buffer_(buffer),
      next_read_(begin > 0 ? begin - 1 : 0),
      skip_first_(begin > 0) {
  if (buffer_.size() < chunk_) buffer_.resize(chunk_);
  ::posix_fadvise(fd_.get(), static_cast<off_t>(next_read_), 0, POSIX_FADV_SEQUENTIAL);
}

bool RangeLineReader::refill(std::uint64_t limit, std::size_t max_bytes) {
  if (next_read_ >= limit) return false;
  if (head_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + head_, tail_ - head_);
    tail_ -= head_;
    head_ = 0;
  }
  if (tail_ == buffer_.size()) buffer_.resize(2 * buffer_.size());  // a line longer than a chunk
  const std::size_t want = static_cast<std::size_t>(
      std::min<std::uint64_t>({buffer_.size() - tail_, limit - next_read_, max_bytes}));
  const std::size_t got = read_at(fd_.get(), buffer_.data() + tail_, want, next_read_, path_);
  if (got < want) throw IoError("cannot read " + path_ + ": the file is shorter than planned");
  tail_ += got;
  next_read_ += got;
  return true;
}

// A line begins at `begin` only if the byte before it is an LF: skip to the
// first LF in [begin - 1, end - 1). Without one, no line begins in the range.
bool RangeLineReader::skip_partial_line() {
  skip_first_ = false;
  for (;;) {
    const char* from = buffer_.data() + head_;
    const auto* lf = static_cast<const char*>(std::memchr(from, '\n', tail_ - head_));
    if (lf != nullptr) {
      head_ = static_cast<std::size_t>(lf - buffer_.data()) + 1;
      return true;
    }
    head_ = tail_;
    if (!refill(end_ > 0 ? end_ - 1 : 0, chunk_)) return false;
  }
}

bool RangeLineReader::next(std::string_view& line) {
  if (done_) return false;
  if (skip_first_ && !skip_partial_line()) {
    done_ = true;
    return false;
  }
  line_offset_ = buffered_offset();
  if (line_offset_ >= end_) {
    done_ = true;
    return false;
  }
  std::size_t scanned = head_;  // bytes before this are known not to be LF
  for (;;) {
    const char* from = buffer_.data() + scanned;
    const auto* lf = static_cast<const char*>(std::memchr(from, '\n', tail_ - scanned));
    if (lf != nullptr) {
      const auto stop = static_cast<std::size_t>(lf - buffer_.data());
      line = without_cr(std::string_view(buffer_.data() + head_, stop - head_));
      head_ = stop + 1;
      return true;
    }
    const std::size_t kept = head_;
    scanned = tail_;
    const bool more =
        next_read_ < end_ ? refill(end_, chunk_) : refill(size_, std::min(chunk_, kTailChunkBytes));
    if (!more) {  // the last line of the file, without a final LF
      line = without_cr(std::string_view(buffer_.data() + head_, tail_ - head_));
      head_ = tail_;
      done_ = true;
      return true;
    }
    scanned -= kept - head_;  // refill moved the unread bytes to the front
  }
}

std::string read_first_line(const std::string& path) {
  FileDescriptor fd(path);
  std::string line;
  char chunk[4096];
  for (std::uint64_t offset = 0;;) {
    const std::size_t got = read_at(fd.get(), chunk, sizeof chunk, offset, path);
    const auto* lf = static_cast<const char*>(std::memchr(chunk, '\n', got));
    line.append(chunk, lf != nullptr ? static_cast<std::size_t>(lf - chunk) : got);
    if (lf != nullptr || got < sizeof chunk) break;
    offset += got;
  }
  return std::string(without_cr(line));
}

}  // namespace adlake::csv
