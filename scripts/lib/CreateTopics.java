// Creates the missing Kafka topics in one JVM (scripts/lib/kafka.sh runs it as a single-file
// source program: `java -cp "<kafka libs>/*" CreateTopics.java BOOTSTRAP name:partitions:policy...`).
// One Admin call for all topics takes ~2 s in total, where TopicCommand costs ~2 s per topic.
// A topic that already exists is fine (idempotent); any other failure exits 1.

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

public class CreateTopics {
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: CreateTopics BOOTSTRAP name:partitions:cleanup.policy...");
      System.exit(2);
    }
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
    List<NewTopic> topics = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String[] f = args[i].split(":");
      if (f.length != 3) {
        System.err.println("bad topic spec: " + args[i]);
        System.exit(2);
      }
      topics.add(new NewTopic(f[0], Integer.parseInt(f[1]), (short) 1)
          .configs(Map.of("cleanup.policy", f[2])));
    }
    int failures = 0;
    try (Admin admin = Admin.create(props)) {
      CreateTopicsResult result = admin.createTopics(topics);
      for (NewTopic t : topics) {
        try {
          result.values().get(t.name()).get();
          System.out.println("created topic " + t.name() + " partitions=" + t.numPartitions()
              + " cleanup.policy=" + t.configs().get("cleanup.policy"));
        } catch (ExecutionException e) {
          if (e.getCause() instanceof TopicExistsException) {
            System.out.println("topic exists " + t.name());
          } else {
            System.err.println("cannot create topic " + t.name() + ": " + e.getCause());
            failures++;
          }
        }
      }
    }
    System.exit(failures == 0 ? 0 : 1);
  }
}
