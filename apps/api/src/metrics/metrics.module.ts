import { Module } from '@nestjs/common';
import { ApiMetrics, MetricsController } from './api-metrics';

@Module({ providers: [ApiMetrics], controllers: [MetricsController], exports: [ApiMetrics] })
export class ApiMetricsModule {}
