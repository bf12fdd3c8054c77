package dev.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;

import java.util.Map;

/** The demo's live per-task view, rendered from the latest metrics record of each task. */
final class DemoView {
    private DemoView() {
    }

    static String render(TopologySpec spec, Map<String, JsonNode> latest, long consumed, long target, long rate) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%n%,d / %,d events learned, %,d events/s, model version %s%n", consumed, target, rate,
                latest.values().stream().findFirst().map(n -> n.get("model_version").asText()).orElse("0")));
        sb.append(table(spec, latest));
        return sb.toString();
    }

    static String table(TopologySpec spec, Map<String, JsonNode> latest) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("  %-12s %9s %9s  %-26s %8s %8s %8s%n", "task", "events", "trained", "prequential (window)",
                "weight", "share", "replayed"));
        for (TaskSpec t : spec.tasks()) {
            JsonNode n = latest.get(t.name());
            if (n == null) {
                sb.append(String.format("  %-12s %9s%n", t.name(), "-"));
                continue;
            }
            JsonNode m = n.get("metrics");
            String metric = m.has("auc_window") ? String.format("auc %.3f  logloss %.3f", num(m, "auc_window"),
                    num(m, "logloss_window")) : m.has("rmse_window") ? String.format("rmse %.3f  mae %.3f",
                    num(m, "rmse_window"), num(m, "mae_window")) : String.format("accuracy %.3f",
                    num(m, "accuracy_window"));
            sb.append(String.format("  %-12s %9d %9d  %-26s %8.3f %8.3f %8d%n", t.name(), n.get("consumed").asLong(),
                    n.get("trained").asLong(), metric, num(n, "loss_weight"), num(n, "sampler_share"),
                    n.get("replayed").asLong()));
        }
        return sb.toString();
    }

    private static double num(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
}
