package dev.rapport.platform.test.architecture.storage.b;

public class ThingRepository {

}
