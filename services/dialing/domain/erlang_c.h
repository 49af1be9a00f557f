#pragma once
// Erlang C (R18, R26): the waiting-time law of a queue served by N agents with Poisson arrivals
// and exponential handle times. The blending rule staffs inbound queues with it: the fewest
// agents whose expected service level meets the queue's target.
namespace tmk::dialing {

// The probability that an arriving call has to wait, with `agents` agents and `traffic` Erlangs
// (arrival rate × mean handle time). 1 when the agents cannot keep up (traffic >= agents).
double ErlangCWaitProbability(int agents, double traffic);

// The expected share of calls answered within `threshold_seconds`.
double ErlangCServiceLevel(int agents, double traffic, double mean_handle_seconds,
                           double threshold_seconds);

// The fewest agents (at most `max_agents`) whose service level reaches `target`; 0 without
// traffic, `max_agents` when even that many fall short.
int ErlangCAgentsFor(double traffic, double mean_handle_seconds, double threshold_seconds,
                     double target, int max_agents);

}  // namespace tmk::dialing
