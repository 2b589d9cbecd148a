package dev.rapport.platform.test.architecture.fine.b.internal;

public class ThingRepository {

}
