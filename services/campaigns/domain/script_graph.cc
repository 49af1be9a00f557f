#include "services/campaigns/domain/script_graph.h"

#include <algorithm>
#include <deque>
#include <functional>

namespace tmk::campaigns {

ScriptGraph::ScriptGraph(const ScriptDocument& document)
    : next_(document.nodes.size()),
      ends_(document.nodes.size(), false),
      broken_(document.nodes.size(), false) {
  for (size_t i = 0; i < document.nodes.size(); ++i) {
    index_.emplace(document.nodes[i].node_id, i);  // keeps the first of duplicates
  }
  start_ = IndexOf(document.start_node_id);
  for (size_t i = 0; i < document.nodes.size(); ++i) {
    const ScriptNode& node = document.nodes[i];
    auto link = [&](const std::string& target) {
      if (target.empty()) {
        ends_[i] = true;
      } else if (std::optional<size_t> to = IndexOf(target)) {
        next_[i].push_back(*to);
      } else {
        broken_[i] = true;
      }
    };
    switch (node.kind) {
      case ScriptNodeKind::kText:
      case ScriptNodeKind::kCompliance:
        link(node.next_node_id);
        break;
      case ScriptNodeKind::kQuestion:
        // A question without options is an issue of its own; as a dead end it is not a trap too.
        if (node.options.empty()) ends_[i] = true;
        for (const AnswerOption& option : node.options) link(option.next_node_id);
        break;
      case ScriptNodeKind::kClose:
      case ScriptNodeKind::kUnset:
        ends_[i] = true;
        break;
    }
  }
  for (const ObjectionHandler& handler : document.objection_handlers) {
    if (std::optional<size_t> to = IndexOf(handler.return_node_id)) returns_.push_back(*to);
  }
}

std::optional<size_t> ScriptGraph::IndexOf(std::string_view node_id) const {
  if (node_id.empty()) return std::nullopt;
  auto it = index_.find(node_id);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::vector<bool> ScriptGraph::Reachable() const {
  std::vector<bool> seen(size(), false);
  if (!start_) return seen;
  std::deque<size_t> queue = {*start_};
  // Any reachable node can raise an objection, so every return node is reachable too.
  queue.insert(queue.end(), returns_.begin(), returns_.end());
  while (!queue.empty()) {
    size_t at = queue.front();
    queue.pop_front();
    if (seen[at]) continue;
    seen[at] = true;
    for (size_t to : next_[at]) {
      if (!seen[to]) queue.push_back(to);
    }
  }
  return seen;
}

std::vector<bool> ScriptGraph::CanFinish() const {
  std::vector<std::vector<size_t>> previous(size());
  std::deque<size_t> queue;
  for (size_t i = 0; i < size(); ++i) {
    for (size_t to : next_[i]) previous[to].push_back(i);
    if (ends_[i] || broken_[i]) queue.push_back(i);
  }
  std::vector<bool> finishes(size(), false);
  while (!queue.empty()) {
    size_t at = queue.front();
    queue.pop_front();
    if (finishes[at]) continue;
    finishes[at] = true;
    for (size_t from : previous[at]) {
      if (!finishes[from]) queue.push_back(from);
    }
  }
  return finishes;
}

std::vector<std::vector<size_t>> ScriptGraph::Cycles(const std::vector<bool>& within) const {
  // Tarjan's algorithm; scripts are at most a few hundred nodes, so recursion depth is bounded.
  std::vector<int> order(size(), -1), low(size(), 0);
  std::vector<bool> on_stack(size(), false);
  std::vector<size_t> stack;
  std::vector<std::vector<size_t>> cycles;
  int counter = 0;
  std::function<void(size_t)> visit = [&](size_t v) {
    order[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack[v] = true;
    for (size_t w : next_[v]) {
      if (!within[w]) continue;
      if (order[w] < 0) {
        visit(w);
        low[v] = std::min(low[v], low[w]);
      } else if (on_stack[w]) {
        low[v] = std::min(low[v], order[w]);
      }
    }
    if (low[v] != order[v]) return;
    std::vector<size_t> component;
    size_t w;
    do {
      w = stack.back();
      stack.pop_back();
      on_stack[w] = false;
      component.push_back(w);
    } while (w != v);
    bool self_loop = std::find(next_[v].begin(), next_[v].end(), v) != next_[v].end();
    if (component.size() > 1 || self_loop) {
      std::sort(component.begin(), component.end());
      cycles.push_back(std::move(component));
    }
  };
  for (size_t v = 0; v < size(); ++v) {
    if (within[v] && order[v] < 0) visit(v);
  }
  std::sort(cycles.begin(), cycles.end());
  return cycles;
}

std::vector<size_t> ScriptGraph::PathAvoiding(const std::vector<bool>& avoid) const {
  if (!start_ || avoid[*start_]) return {};
  constexpr size_t kNone = static_cast<size_t>(-1);
  std::vector<size_t> parent(size(), kNone);
  std::vector<bool> seen(size(), false);
  std::deque<size_t> queue = {*start_};
  seen[*start_] = true;
  while (!queue.empty()) {
    size_t at = queue.front();
    queue.pop_front();
    if (ends_[at]) {
      std::vector<size_t> path;
      for (size_t v = at; v != kNone; v = parent[v]) path.push_back(v);
      std::reverse(path.begin(), path.end());
      return path;
    }
    std::vector<size_t> onward = next_[at];
    onward.insert(onward.end(), returns_.begin(), returns_.end());
    for (size_t to : onward) {
      if (seen[to] || avoid[to]) continue;
      seen[to] = true;
      parent[to] = at;
      queue.push_back(to);
    }
  }
  return {};
}

}  // namespace tmk::campaigns
