package build

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"handout/internal/layout"
)

// Shard is one part of a split of the outputs, for a CI matrix of Count
// jobs where job Index (1-based) builds its part. The zero value is the
// whole set.
//
// An output (a handout id on a paper size) belongs to the shard given by a
// hash of the pair, so its shard depends on nothing else: adding, removing
// or renaming other handouts never moves it, which keeps each job's cached
// output folder valid. Every output is in exactly one of the Count shards.
type Shard struct {
	Index, Count int
}

// ParseShard reads "I/N", such as "2/4": part I (counted from 1) of N.
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	index, err1 := strconv.Atoi(i)
	count, err2 := strconv.Atoi(n)
	switch {
	case !ok || err1 != nil || err2 != nil || strings.TrimSpace(i) != i || strings.TrimSpace(n) != n:
		return Shard{}, fmt.Errorf("want I/N, such as 2/4 (part I of N, counting from 1)")
	case count < 1:
		return Shard{}, fmt.Errorf("the number of shards must be at least 1")
	case index < 1 || index > count:
		return Shard{}, fmt.Errorf("the shard must be between 1 and %d", count)
	}
	return Shard{Index: index, Count: count}, nil
}

// String gives "I/N", or "" for the whole set.
func (s Shard) String() string {
	if s.Count == 0 {
		return ""
	}
	return strconv.Itoa(s.Index) + "/" + strconv.Itoa(s.Count)
}

// Includes reports whether the output of handout id on paper is in the
// shard.
func (s Shard) Includes(id string, paper layout.Paper) bool {
	if s.Count <= 1 {
		return true
	}
	return ShardOf(id, paper, s.Count) == s.Index
}

// ShardOf returns the shard (1 to count) the output of handout id on paper
// belongs to: the first 8 bytes of the SHA-256 of "id/paper", as a number,
// modulo count.
func ShardOf(id string, paper layout.Paper, count int) int {
	sum := sha256.Sum256([]byte(id + "/" + paper.Name))
	return int(binary.BigEndian.Uint64(sum[:8])%uint64(count)) + 1
}
