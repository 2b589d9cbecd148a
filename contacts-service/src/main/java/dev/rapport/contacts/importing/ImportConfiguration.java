package dev.rapport.contacts.importing;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.contacts.contact.ContactService;
import dev.rapport.platform.web.UploadLimit;

/** Imports' upload limit and their worker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportProperties.class)
class ImportConfiguration {

	@Bean
	UploadLimit importUploadLimit(ImportProperties properties) {
		return new UploadLimit(ImportController.PATH, properties.maxFileSize());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "rapport.imports.worker-enabled", matchIfMissing = true)
	ImportWorker importWorker(ImportRepository imports, ContactService contacts,
			PlatformTransactionManager transactionManager, ImportProperties properties, Clock clock,
			MeterRegistry meters, ImportService service) {
		ImportWorker worker = new ImportWorker(imports, contacts, new TransactionTemplate(transactionManager),
				properties, clock, meters);
		service.onWork(worker::wakeUp);
		return worker;
	}

}
