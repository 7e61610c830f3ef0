package io.goldbackup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.goldbackup.backup.BackupType;
import io.goldbackup.schedule.BackupJobArguments;
import io.goldbackup.schedule.GoldBackupMain;
import io.goldbackup.schedule.JobService;
import io.goldbackup.schedule.ScheduleConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.WithDefault;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manifests in k8s/ against the running application: probe and scrape paths answer, ports are the HTTP port,
 * every ConfigMap key is one the application reads (with the application's own default as its value), the CronJobs'
 * schedules are the in-process defaults and their arguments name jobs the one-shot mode runs, the pre-release hook's
 * arguments are a backup the one-shot mode accepts, and every metric the alerts read is exported.
 * {@code .ci/check-manifests} renders them with kustomize and checks the alert rules with promtool.
 */
@QuarkusTest
class KubernetesManifestsTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path BASE = Path.of("k8s", "base");
    private static final Path HOOK = Path.of("k8s", "components", "pre-release-backup");

    @Test
    void probesAndScrapePathAnswerOnTheHttpPort() throws IOException {
        JsonNode container = read("deployment.yaml").at("/spec/template/spec/containers/0");
        int httpPort = prodHttpPort();
        assertEquals(httpPort, container.at("/ports/0/containerPort").asInt());
        assertEquals("http", container.at("/ports/0/name").asText());
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = container.at("/" + probe + "/httpGet");
            assertEquals("http", get.at("/port").asText(), probe);
            given().get(get.at("/path").asText()).then().statusCode(200);
        }
        JsonNode service = read("service.yaml").at("/spec/ports/0");
        assertEquals(httpPort, service.at("/port").asInt());
        assertEquals("http", service.at("/targetPort").asText());
        JsonNode endpoint = read("servicemonitor.yaml").at("/spec/endpoints/0");
        assertEquals("http", endpoint.at("/port").asText());
        given().get(endpoint.at("/path").asText()).then().statusCode(200);
    }

    @Test
    void everyConfigMapKeyIsOneTheApplicationReadsWithItsDefault() throws IOException {
        Map<String, String> byEnvName = applicationKeys();
        List<String> unknown = new ArrayList<>();
        for (Path file : List.of(BASE.resolve("config.env"), Path.of("k8s", "overlays", "production", "config.env"))) {
            for (Map.Entry<String, String> entry : env(file).entrySet()) {
                String key = entry.getKey();
                assertTrue(!key.matches(".*(PASSWORD|SECRET|USERNAME).*"), key + " is a secret: " + file);
                String name = byEnvName.get(key);
                if (name == null) {
                    unknown.add(file + ": " + key);
                } else if (name.startsWith("gold-backup.") && !name.startsWith("gold-backup.schedule.daily")
                        && !name.startsWith("gold-backup.schedule.weekly") && file.startsWith(BASE)) {
                    // The base ships the application's defaults (tests switch the schedules off, so not those).
                    assertEquals(defaultOf(name), entry.getValue(), key);
                }
            }
        }
        assertEquals(List.of(), unknown, "ConfigMap keys the application does not read");
    }

    @Test
    void cronJobsRunTheOneShotJobsOnTheInProcessSchedules() throws Exception {
        Map<String, String> expected = Map.of(
                JobService.DAILY_BACKUP, quartzToCron(inProcessDefault("dailyBackup")),
                JobService.WEEKLY_CLEANUP, quartzToCron(inProcessDefault("weeklyCleanup")));
        Set<String> seen = new HashSet<>();
        for (String file : List.of("cronjob-daily-backup.yaml", "cronjob-weekly-cleanup.yaml")) {
            JsonNode cronJob = read(file);
            JsonNode container = cronJob.at("/spec/jobTemplate/spec/template/spec/containers/0");
            List<String> args = StreamSupport.stream(container.at("/args").spliterator(), false).map(JsonNode::asText)
                    .toList();
            assertEquals(2, args.size(), file);
            assertEquals("job", args.get(0), file);
            String job = args.get(1);
            assertTrue(expected.containsKey(job), file + " runs an unknown job " + job);
            seen.add(job);
            assertEquals(expected.get(job), cronJob.at("/spec/schedule").asText(), file);
            assertEquals("Etc/UTC", cronJob.at("/spec/timeZone").asText(), file);
            assertEquals("Forbid", cronJob.at("/spec/concurrencyPolicy").asText(), file);
            assertEquals(read("deployment.yaml").at("/spec/template/spec/containers/0/image").asText(),
                    container.at("/image").asText(), file);
        }
        assertEquals(expected.keySet(), seen);
    }

    @Test
    void everyVariableThePodsSetIsReadAndEverySecretKeyIsInTheTemplate() throws IOException {
        Map<String, String> byEnvName = applicationKeys();
        JsonNode secret = read("secret.template.yaml");
        List<JsonNode> containers = List.of(read("deployment.yaml").at("/spec/template/spec/containers/0"),
                read("cronjob-daily-backup.yaml").at("/spec/jobTemplate/spec/template/spec/containers/0"),
                read("cronjob-weekly-cleanup.yaml").at("/spec/jobTemplate/spec/template/spec/containers/0"),
                YAML.readTree(HOOK.resolve("job-pre-release-backup.yaml").toFile())
                        .at("/spec/template/spec/containers/0"));
        List<String> problems = new ArrayList<>();
        for (JsonNode container : containers) {
            for (JsonNode env : container.at("/env")) {
                String name = env.at("/name").asText();
                if (!byEnvName.containsKey(name)) {
                    problems.add(name + " is not a key the application reads");
                }
                JsonNode ref = env.at("/valueFrom/secretKeyRef");
                if (!ref.isMissingNode()) {
                    if (!secret.at("/metadata/name").asText().equals(ref.at("/name").asText())) {
                        problems.add(name + " names another Secret: " + ref.at("/name").asText());
                    }
                    if (secret.at("/stringData/" + ref.at("/key").asText()).isMissingNode()) {
                        problems.add(name + " needs key " + ref.at("/key").asText() + ", not in the template");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void thePreReleaseHookRunsABackupTheOneShotModeAccepts() throws IOException {
        JsonNode job = YAML.readTree(HOOK.resolve("job-pre-release-backup.yaml").toFile());
        JsonNode container = job.at("/spec/template/spec/containers/0");
        List<String> args = StreamSupport.stream(container.at("/args").spliterator(), false).map(JsonNode::asText)
                .toList();
        assertEquals(List.of("job", GoldBackupMain.BACKUP), args.subList(0, 2));
        // The parser of the one-shot mode itself: a type or a description it refuses would fail every release.
        BackupJobArguments parsed = BackupJobArguments.parse(args.subList(2, args.size()));
        assertEquals(BackupType.PRE_UPDATE, parsed.type());
        assertEquals(read("deployment.yaml").at("/spec/template/spec/containers/0/image").asText(),
                container.at("/image").asText());
        assertEquals("PreSync", job.at("/metadata/annotations/argocd.argoproj.io~1hook").asText());
        assertEquals("pre-upgrade", job.at("/metadata/annotations/helm.sh~1hook").asText());
    }

    @Test
    void everyMetricTheAlertsReadIsExported() throws IOException {
        // As Prometheus scrapes it (text format 0.0.4: a counter's family is named with its _total).
        String exposition = given().accept("text/plain; version=0.0.4").get("/q/metrics").then().statusCode(200)
                .extract().asString();
        // Registered with their first event (a refusal, a restore) or only with off-site targets configured.
        Set<String> later = Set.of("gold_backup_refused_total", "gold_restore_total",
                "gold_backup_offsite_last_success_timestamp_seconds");
        List<String> missing = new ArrayList<>();
        for (JsonNode group : read("prometheusrule.yaml").at("/spec/groups")) {
            for (JsonNode rule : group.at("/rules")) {
                Matcher names = Pattern.compile("\\bgold_[a-z0-9_]+").matcher(rule.at("/expr").asText());
                while (names.find()) {
                    String name = names.group();
                    if (!later.contains(name) && !exposition.contains("\n# TYPE " + name + " ")) {
                        missing.add(rule.at("/alert").asText() + ": " + name);
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "metrics the alert rules read but the service does not export");
    }

    /** The application's own keys (not every variable of this JVM's environment) by their environment name. */
    private static Map<String, String> applicationKeys() {
        Map<String, String> byEnvName = new LinkedHashMap<>();
        for (String name : ConfigProvider.getConfig().getPropertyNames()) {
            if (name.startsWith("quarkus.") || name.startsWith("gold-backup.")) {
                byEnvName.putIfAbsent(envName(name), name);
            }
        }
        return byEnvName;
    }

    /** {@code 0 0 2 * * ?} -> {@code 0 2 * * *}: Quartz seconds dropped, "?" is "*", day names as numbers. */
    static String quartzToCron(String quartz) {
        String[] f = quartz.trim().split("\\s+");
        assertEquals("0", f[0], "a schedule with seconds has no 5-field form");
        String dayOfWeek = f[5].replace("?", "*");
        List<String> days = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
        for (int i = 0; i < days.size(); i++) {
            dayOfWeek = dayOfWeek.replace(days.get(i), Integer.toString(i));
        }
        return String.join(" ", f[1], f[2], f[3].replace("?", "*"), f[4], dayOfWeek);
    }

    /** The port the packaged service listens on: application.properties' prod setting, else Quarkus' 8080. */
    private static int prodHttpPort() throws IOException {
        for (String line : Files.readAllLines(Path.of("src", "main", "resources", "application.properties"))) {
            if (line.matches("(%prod\\.)?quarkus\\.http\\.port=.*")) {
                return Integer.parseInt(line.substring(line.indexOf('=') + 1).trim());
            }
        }
        return 8080;
    }

    private static String inProcessDefault(String method) throws NoSuchMethodException {
        return ScheduleConfig.class.getMethod(method).getAnnotation(WithDefault.class).value();
    }

    private static String defaultOf(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

    private static String envName(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static JsonNode read(String file) throws IOException {
        return YAML.readTree(BASE.resolve(file).toFile());
    }

    private static Map<String, String> env(Path file) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                entries.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return entries;
    }
}
