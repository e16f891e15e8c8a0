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
        return ConfigFactory.load(ConfigFactory.defaultApplication()
                .withFallback(ConfigFactory.parseResources(QnetemConfig.class, "/qnetem-pekko.conf",
                        ConfigParseOptions.defaults().setAllowMissing(false))));
    }
}
