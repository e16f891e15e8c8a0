package org.qnetem.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

/**
 * Loads the configuration every QNetEm actor system uses: system properties, then the application's
 * {@code application.conf}, then {@code qnetem-pekko.conf} (QNetEm's choices for Pekko's own
 * settings), then every library's {@code reference.conf}.
 */
public final class QnetemConfig {

    private QnetemConfig() {
    }

    public static Config load() {
        return load(ConfigFactory.empty(), ConfigFactory.empty());
    }

    /**
     * As {@link #load()}, with {@code above} between the system properties and {@code application.conf}
     * (a command's explicit options) and {@code below} between {@code application.conf} and
     * {@code qnetem-pekko.conf} (a cluster member's defaults and profile), so the application's own
     * file can still override those defaults.
     */
    public static Config load(Config above, Config below) {
        return ConfigFactory.load(above.withFallback(ConfigFactory.defaultApplication())
                .withFallback(below)
                .withFallback(resource("/qnetem-pekko.conf")));
    }

    /** A configuration file on the classpath that must be there. */
    public static Config resource(String name) {
        return ConfigFactory.parseResources(QnetemConfig.class, name,
                ConfigParseOptions.defaults().setAllowMissing(false));
    }
}
