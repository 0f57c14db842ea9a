package dev.palisade.notify;

import dev.palisade.notify.internal.SlackPayloads;
import dev.palisade.notify.internal.WebhookPayloads;
import java.net.URI;

/** Where messages go and how their bodies look. */
public interface Channel {

    /** {@return a short name for warnings ({@code slack}, {@code webhook})} */
    String name();

    /** {@return the URL messages are POSTed to} */
    URI endpoint();

    /**
     * The JSON body of a message.
     *
     * @param message the message to post
     * @return the request body, as the receiver expects it
     */
    String render(Message message);

    /**
     * {@return a Slack incoming webhook: Block Kit messages}
     *
     * @param webhookUrl the incoming-webhook URL Slack issued for the channel
     */
    static Channel slack(URI webhookUrl) {
        return new Fixed("slack", webhookUrl, SlackPayloads::render);
    }

    /**
     * {@return a generic webhook: the JSON document described in {@code docs/notifications.md}}
     *
     * @param url where the JSON documents are POSTed
     */
    static Channel webhook(URI url) {
        return new Fixed("webhook", url, WebhookPayloads::render);
    }

    /**
     * A channel of a name, an endpoint and a renderer.
     *
     * @param name the channel's name in warnings
     * @param endpoint the URL messages are POSTed to
     * @param renderer turns a message into its JSON body
     */
    record Fixed(String name, URI endpoint, java.util.function.Function<Message, String> renderer) implements Channel {
        @Override
        public String render(Message message) {
            return renderer.apply(message);
        }
    }
}
