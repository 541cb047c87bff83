package cn.cq.ipmonitor.config;

/**
 * The HTTP server (API, health, metrics, pages).
 *
 * @param host       interface to bind
 * @param port       port; {@code 0} picks a free one
 * @param maxBodyBytes largest request body accepted
 * @param publicUrl  the address printed and used in links; empty derives it from host and port
 */
public record HttpConfig(String host, int port, long maxBodyBytes, String publicUrl) {
}
