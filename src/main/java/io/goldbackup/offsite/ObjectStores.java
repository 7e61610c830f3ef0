package io.goldbackup.offsite;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.goldbackup.backup.BackupType;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The configured off-site targets, each an {@link ObjectStore} built on first use and closed at shutdown. The
 * configuration is checked at start, so that a bad target name or a half-given key pair stops the service with a
 * clear error instead of failing the first copy hours later.
 */
@ApplicationScoped
public class ObjectStores {

    /** Environment variables carry the name upper-cased and SmallRye lower-cases it back: nothing else survives. */
    private static final Pattern TARGET_NAME = Pattern.compile("[a-z0-9]+");
    /** S3's smallest part but the last. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** One part is one array in memory. */
    static final long MAX_PART_SIZE = 512L * 1024 * 1024;

    /** A closed port answers at once; a host that drops packets fails each attempt after this. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Silence on an open connection: a stalled store, or one that never answers a request. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    /** One HTTP attempt, sending one part included: 8 MiB take about a minute at 1 Mbit/s. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofMinutes(2);
    /** One call with its retries (the SDK's standard strategy: three attempts with backoff). */
    static final Duration CALL_TIMEOUT = Duration.ofMinutes(5);

    private final OffsiteConfig config;
    private final Clock clock;
    private final Map<String, ObjectStore> stores = new ConcurrentHashMap<>();
    /** The default credentials chain holds threads and caches of its own; a static provider holds nothing. */
    private final List<SdkAutoCloseable> credentials = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public ObjectStores(OffsiteConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    void checkAtStart(@Observes StartupEvent event) {
        validate(config);
        if (!config.targets().isEmpty()) {
            Log.infof("Off-site copies go to %s", names());
        }
    }

    /** The target called {@code name}, if one is configured. */
    public Optional<ObjectStore> target(String name) {
        OffsiteConfig.Target target = config.targets().get(name);
        if (target == null) {
            return Optional.empty();
        }
        if (closed) {
            throw new IllegalStateException("The off-site targets are closed: the service is stopping");
        }
        return Optional.of(stores.computeIfAbsent(name, n -> build(n, target)));
    }

    /** The configured targets' names, sorted; empty when the feature is off. */
    public Set<String> names() {
        return new TreeSet<>(config.targets().keySet());
    }

    @PreDestroy
    void close() {
        closed = true;
        stores.values().forEach(ObjectStore::close);
        stores.clear();
        credentials.forEach(SdkAutoCloseable::close);
        credentials.clear();
    }

    private ObjectStore build(String name, OffsiteConfig.Target target) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(target.region()))
                .forcePathStyle(target.pathStyle())
                .credentialsProvider(credentials(target))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                // Since 2.30 the SDK adds CRC checksums to every upload by default, sent as aws-chunked trailers that
                // S3-compatible stores such as s3proxy and older MinIO refuse. Each part and small object carries a
                // Content-MD5 instead (see ObjectStore), which every store checks and Object Lock accepts.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // Three attempts, not the legacy mode's four: a store that drops packets fails a call in ~6 s.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy())
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .apiCallTimeout(CALL_TIMEOUT));
        target.endpoint().ifPresent(builder::endpointOverride);
        return new ObjectStore(name, target, (int) config.partSize().asLongValue(), builder.build(), clock);
    }

    private AwsCredentialsProvider credentials(OffsiteConfig.Target target) {
        if (target.accessKeyId().isPresent() && target.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(target.accessKeyId().get(), target.secretAccessKey().get()));
        }
        // Environment, system properties, web identity (IRSA), profile files, container and instance roles.
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        credentials.add(chain);
        return chain;
    }

    /** Every problem with the configuration at once, in one exception; none for a valid one. */
    static void validate(OffsiteConfig config) {
        List<String> problems = new ArrayList<>();
        config.targets().forEach((name, target) -> {
            String key = "gold-backup.offsite.targets." + name;
            if (!TARGET_NAME.matcher(name).matches()) {
                problems.add("target name '" + name + "' must be lower-case letters and digits only (a-z, 0-9), as"
                        + " environment variables such as GOLD_BACKUP_OFFSITE_TARGETS_<NAME>_BUCKET carry it");
            }
            if (target.bucket().isBlank()) {
                problems.add(key + ".bucket must name a bucket");
            }
            if (target.accessKeyId().isPresent() != target.secretAccessKey().isPresent()) {
                problems.add(key + ": give both access-key-id and secret-access-key, or neither (the SDK's default"
                        + " credentials chain)");
            }
            target.endpoint().ifPresent(endpoint -> {
                if (endpoint.getScheme() == null || endpoint.getHost() == null) {
                    problems.add(key + ".endpoint must be an absolute URL such as https://host:9000");
                }
            });
            target.objectLockDays().ifPresent(days -> {
                if (days < 1) {
                    problems.add(key + ".object-lock-days must be at least 1");
                }
            });
        });
        long partSize = config.partSize().asLongValue();
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            problems.add("gold-backup.offsite.part-size must be between 5M and 512M, not " + partSize + " bytes");
        }
        if (config.maxAttempts() < 1) {
            problems.add("gold-backup.offsite.max-attempts must be at least 1");
        }
        Set<String> wireNames = Arrays.stream(BackupType.values()).map(BackupType::wire).collect(Collectors.toSet());
        config.copyTypes().ifPresent(types -> types.stream().filter(type -> !wireNames.contains(type))
                .forEach(type -> problems.add("gold-backup.offsite.copy-types: unknown backup type '" + type
                        + "'; known: " + new TreeSet<>(wireNames))));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Off-site configuration: " + String.join("; ", problems));
        }
    }
}
