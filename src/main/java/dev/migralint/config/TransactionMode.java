package dev.migralint.config;

/** Whether migration files run inside a transaction: decided from the runner (auto) or forced by configuration. */
public enum TransactionMode {
    AUTO, ALWAYS, NEVER
}
