#pragma once
// A script version as a directed graph over node positions (R9 validation). Edges are the
// script's own links (text and statement next_node_id, answer options); objection handlers that
// name a return node add a jump from every node to it, since an objection can be raised anywhere.
// Links naming no node are not edges (the validator reports them as dangling).
#include <cstddef>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "services/campaigns/domain/script_document.h"

namespace tmk::campaigns {

class ScriptGraph {
 public:
  // Keeps views of the document's node ids: the document must outlive the graph.
  explicit ScriptGraph(const ScriptDocument& document);

  // The position of the first node with this id.
  std::optional<size_t> IndexOf(std::string_view node_id) const;
  std::optional<size_t> start() const { return start_; }
  size_t size() const { return next_.size(); }

  // Nodes reachable from the start node, objection jumps included.
  std::vector<bool> Reachable() const;
  // Nodes from which the call can finish along the script's own links: reach a close, an empty
  // link, or a broken one (already an issue of its own). Objection handlers do not count as a
  // way out: a script must not depend on the customer objecting to end.
  std::vector<bool> CanFinish() const;
  // The cycles (strongly connected components with an edge inside), own links only, among the
  // nodes marked in `within`; each in ascending position order.
  std::vector<std::vector<size_t>> Cycles(const std::vector<bool>& within) const;
  // A path from the start to a node where the call ends that passes none of `avoid`, objection
  // jumps included; empty when every such path passes one.
  std::vector<size_t> PathAvoiding(const std::vector<bool>& avoid) const;

 private:
  std::unordered_map<std::string_view, size_t> index_;
  std::optional<size_t> start_;
  std::vector<std::vector<size_t>> next_;  // own links
  std::vector<bool> ends_;                 // the call may end at the node
  std::vector<bool> broken_;               // the node has a link naming no node
  std::vector<size_t> returns_;            // objection return nodes, reachable from anywhere
};

}  // namespace tmk::campaigns
