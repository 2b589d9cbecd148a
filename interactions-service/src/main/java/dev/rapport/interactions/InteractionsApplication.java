package dev.rapport.interactions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** interactions-service: owns interactions, publishes them on {@code rapport.interactions.v1}, follows contacts. */
@SpringBootApplication
public class InteractionsApplication {

	public static void main(String[] args) {
		SpringApplication.run(InteractionsApplication.class, args);
	}

}
