package io.herald.config;

/** A setting has a value Herald cannot run with; the message names the setting. */
public final class SettingsException extends RuntimeException {
  public SettingsException(String message) {
    super(message);
  }
}
