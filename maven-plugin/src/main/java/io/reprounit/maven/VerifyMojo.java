package io.reprounit.maven;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apiguardian.api.API;

/**
 * Checks the metadata store's integrity and reads every artifact whole; fails the build where anything is damaged or
 * missing: {@code mvn reprounit:verify}.
 */
@Mojo(name = "verify", requiresProject = false, aggregator = true, threadSafe = true)
@API(status = INTERNAL, since = "0.1")
public final class VerifyMojo extends CommandMojo {

    @Override
    List<String> command() {
        return List.of("verify");
    }
}
