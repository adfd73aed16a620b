import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, clockFor } from './clock';

/**
 * Provides the one Clock: the system's, or (outside production) one started at `CLOCK_START_AT`. Tests override it
 * with a FixedClock.
 */
@Global()
@Module({
  providers: [
    {
      provide: Clock,
      inject: [ConfigService],
      useFactory: (config: ConfigService) =>
        clockFor({ CLOCK_START_AT: config.get('CLOCK_START_AT'), NODE_ENV: config.get('NODE_ENV') }),
    },
  ],
  exports: [Clock],
})
export class ClockModule {}
