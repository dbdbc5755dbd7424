package dev.ferry.error;

/** Input a user gave (a flag, a file, a block field) that cannot be used as it is. */
public class InvalidInputException extends FerryException {
  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, false, cause);
  }
}
