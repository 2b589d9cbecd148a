package dev.rapport.text;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Applies {@link TextRules} to every JSON string a Rapport service reads into its types: not only {@code String}
 * fields (and lists and maps of them) but every value read from a string, such as dates, instants, ids and time
 * zones, whose own parsers may be lenient (Java's date parsers trim a trailing NUL). One registered as a bean is
 * added to Spring Boot's {@code JsonMapper}. Text that breaks the rules fails the read with an
 * {@link InvalidTextException} at the field's path, which the services answer as 400.
 */
public final class TextRulesModule extends SimpleModule {

	public TextRulesModule() {
		super("rapport-text-rules");
		setDeserializerModifier(new ValueDeserializerModifier() {
			@Override
			public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
					BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
				// Objects are read field by field, each through a deserializer of its own: check the values there.
				return deserializer instanceof BeanDeserializerBase ? deserializer
						: new CheckedTextDeserializer(deserializer);
			}

			/** Jackson's enum lookup retries a name trimmed, so a NUL around {@code "ADMIN"} would pass. */
			@Override
			public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
					BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
				return new CheckedTextDeserializer(deserializer);
			}
		});
	}

	/** Checks a string token before the deserializer it wraps reads it. */
	static final class CheckedTextDeserializer extends DelegatingDeserializer {

		CheckedTextDeserializer(ValueDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new CheckedTextDeserializer(delegate);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			check(parser);
			return super.deserialize(parser, context);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context, Object into)
				throws JacksonException {
			check(parser);
			return super.deserialize(parser, context, into);
		}

		@Override
		public Object deserializeWithType(JsonParser parser, DeserializationContext context,
				TypeDeserializer types) throws JacksonException {
			check(parser);
			return super.deserializeWithType(parser, context, types);
		}

		private static void check(JsonParser parser) {
			if (parser.currentToken() == JsonToken.VALUE_STRING) {
				TextRules.problem(parser.getString()).ifPresent(reason -> {
					throw new InvalidTextException(parser, reason);
				});
			}
		}

	}

}
